import type { Role } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { withTimeout } from '@hearth/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, REDIS } from '../gateway.tokens';
import { newSecretToken } from './secret-token';
import { RefreshToken, Session } from './session.entity';

export type RevocationReason = 'signed_out' | 'signed_out_everywhere' | 'refresh_token_reused' | 'password_changed' | 'user_deactivated' | 'user_locked';

/**
 * Sessions and their refresh tokens. A refresh token is used once: using it gives a new one in the
 * same session (rotation); presenting one already used means it was copied, so the whole session is
 * revoked (reuse detection). Revocations are also written to Redis for the access-token lifetime,
 * so the front door refuses the session's (or user's) access tokens at once, not 15 minutes later.
 */
@Injectable()
export class Sessions {
  private readonly logger = new Logger(Sessions.name);

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async open(manager: EntityManager, userId: string, role: Role): Promise<{ session: Session; refreshToken: string }> {
    const now = new Date();
    const session = manager.create(Session, {
      id: randomUUID(),
      userId,
      role,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.config.SESSION_MAX_AGE * 1000),
      revokedAt: null,
      revokedReason: null,
    });
    await manager.insert(Session, session);
    return { session, refreshToken: await this.issueRefreshToken(manager, session) };
  }

  async issueRefreshToken(manager: EntityManager, session: Session): Promise<string> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Math.min(Date.now() + this.config.REFRESH_TOKEN_TTL * 1000, session.expiresAt.getTime()));
    await manager.insert(RefreshToken, { tokenHash: hash, sessionId: session.id, createdAt: new Date(), expiresAt, usedAt: null });
    return token;
  }

  async revoke(manager: EntityManager, session: Session, reason: RevocationReason): Promise<void> {
    if (session.revokedAt) return;
    await manager.update(Session, { id: session.id }, { revokedAt: new Date(), revokedReason: reason });
    this.unitOfWork.afterCommit(() => this.remember(`session:${session.id}`));
  }

  /**
   * Ends every session of a user and refuses the access tokens issued until now: each ended
   * session's tokens by its id (precise: a session opened a moment later, even within the same
   * second, is not affected), and tokens that name no session by the user's cut-off time.
   */
  async revokeAll(manager: EntityManager, userId: string, reason: RevocationReason): Promise<Date> {
    const now = new Date();
    const { raw } = await manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: now, revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .returning('id')
      .execute();
    const sessionIds = (raw as { id: string }[]).map((row) => row.id);
    this.unitOfWork.afterCommit(async () => {
      await this.remember(`user:${userId}`, Math.floor(now.getTime() / 1000));
      for (const id of sessionIds) await this.remember(`session:${id}`);
    });
    return now;
  }

  /**
   * Whether the front door must refuse an access token of this user issued at `issuedAt`: a
   * token of a session (`sid`) when that session has ended; a token without one when the user
   * signed out everywhere (or was deactivated, or changed password) at or after `issuedAt`.
   */
  async isRevoked(userId: string, sessionId: string | undefined, issuedAt: number): Promise<boolean> {
    if (sessionId !== undefined) return (await this.redis.exists(this.key(`session:${sessionId}`))) === 1;
    const userCutoff = await this.redis.get(this.key(`user:${userId}`));
    return userCutoff !== null && issuedAt <= Number(userCutoff);
  }

  /** After the commit, kept for as long as an access token lives; a Redis failure is logged: the tokens expire anyway. */
  private async remember(what: string, value: number = 1): Promise<void> {
    try {
      await withTimeout(this.redis.set(this.key(what), String(value), 'EX', this.config.ACCESS_TOKEN_TTL + 60), 1_000, 'Redis (revocations)');
    } catch (error) {
      this.logger.warn({ err: error }, 'revocation not written to Redis; the access tokens still expire within ACCESS_TOKEN_TTL');
    }
  }

  private key(what: string): string {
    return `${this.config.BULLMQ_PREFIX}:revoked:${what}`;
  }
}
