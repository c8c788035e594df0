import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditLog } from '../../../sign-in/audit-log';
import type { RequestOrigin } from '../../../sign-in/request-origin';
import { hashSecretToken } from '../../secret-token';
import { RefreshToken, Session } from '../../session.entity';
import { Sessions } from '../../sessions';

export class SignOutCommand extends Command<void> {
  constructor(
    readonly refreshToken: string | undefined,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/** Ends the session of this browser (its refresh cookie); its access tokens are refused at the front door. */
@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  async execute({ refreshToken, origin }: SignOutCommand): Promise<void> {
    if (!refreshToken) return;
    await this.unitOfWork.run(async (manager) => {
      const token = await manager.findOneBy(RefreshToken, { tokenHash: hashSecretToken(refreshToken) });
      const session = token && (await manager.findOne(Session, { where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } }));
      if (!session || session.revokedAt) return;
      await this.sessions.revoke(manager, session, 'signed_out');
      await this.audit.record({ outcome: 'signed_out', userId: session.userId, sessionId: session.id, origin }, manager);
    });
  }
}
