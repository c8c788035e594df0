import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestOrigin } from './request-origin';
import { SignInEvent, type SignInOutcome } from './sign-in-event.entity';

export interface AuditEntry {
  outcome: SignInOutcome;
  userId?: string | null;
  emailKey?: string | null;
  sessionId?: string | null;
  origin?: RequestOrigin;
}

/** Writes the sign-in audit log: every sign-in, failure and session event, with address and user agent. */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** In the caller's transaction when given one (the entry commits with the change), else on its own. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(SignInEvent, {
      outcome: entry.outcome,
      userId: entry.userId ?? null,
      emailKey: entry.emailKey ?? null,
      sessionId: entry.sessionId ?? null,
      address: entry.origin?.address ?? null,
      userAgent: entry.origin?.userAgent ?? null,
    });
  }
}
