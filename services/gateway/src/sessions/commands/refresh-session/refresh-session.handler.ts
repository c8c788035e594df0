import type { Role } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccessTokens } from '../../../keys/access-tokens';
import { AuditLog } from '../../../sign-in/audit-log';
import type { RequestOrigin } from '../../../sign-in/request-origin';
import { User } from '../../../users/domain/user.entity';
import { SignInFailedError } from '../../../users/user.errors';
import { hashSecretToken } from '../../secret-token';
import { RefreshToken, Session } from '../../session.entity';
import { Sessions } from '../../sessions';

export interface Refreshed {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: Role;
  refreshToken: string;
}

export class RefreshSessionCommand extends Command<Refreshed> {
  constructor(
    readonly refreshToken: string | undefined,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

const sessionEnded = () => new SignInFailedError('AUTH.SESSION_ENDED', 'The session has ended; sign in again');

/**
 * Trades a refresh token for a new access token and a new refresh token (rotation). A refresh
 * token presented twice was copied: the whole session is revoked, for the thief and the owner alike.
 */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly accessTokens: AccessTokens,
    private readonly audit: AuditLog,
  ) {}

  async execute({ refreshToken, origin }: RefreshSessionCommand): Promise<Refreshed> {
    if (!refreshToken) throw sessionEnded();
    const outcome = await this.unitOfWork.run(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { tokenHash: hashSecretToken(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!token) return { ended: true as const };
      const session = await manager.findOneOrFail(Session, { where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      if (token.usedAt) {
        await this.sessions.revoke(manager, session, 'refresh_token_reused');
        await this.audit.record({ outcome: 'refresh_token_reused', userId: session.userId, sessionId: session.id, origin }, manager);
        return { ended: true as const };
      }
      const user = await manager.findOneByOrFail(User, { id: session.userId });
      const userMayContinue = user.status === 'active' && user.roles.includes(session.role);
      if (session.revokedAt || session.expiresAt <= now || token.expiresAt <= now || !userMayContinue) return { ended: true as const };
      await manager.update(RefreshToken, { tokenHash: token.tokenHash }, { usedAt: now });
      await manager.update(Session, { id: session.id }, { lastUsedAt: now });
      const next = await this.sessions.issueRefreshToken(manager, session);
      const { accessToken, expiresIn } = await this.accessTokens.issue(user, session);
      return { ended: false as const, refreshed: { accessToken, tokenType: 'Bearer' as const, expiresIn, role: session.role, refreshToken: next } };
    });
    if (outcome.ended) throw sessionEnded();
    return outcome.refreshed;
  }
}
