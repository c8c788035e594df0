import type { Role } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ForbiddenError } from '@hearth/platform';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { GatewayConfig } from '../../../config';
import { GATEWAY_CONFIG } from '../../../gateway.tokens';
import { AccessTokens } from '../../../keys/access-tokens';
import { Sessions } from '../../../sessions/sessions';
import { emailKey, User } from '../../../users/domain/user.entity';
import { UserRepository } from '../../../users/user.repository';
import { SignInFailedError } from '../../../users/user.errors';
import { AuditLog } from '../../audit-log';
import { PasswordHasher } from '../../password-hasher';
import type { RequestOrigin } from '../../request-origin';
import { SecondFactor } from '../../second-factor';
import type { SignInOutcome } from '../../sign-in-event.entity';
import { SignInThrottle, TooManyAttemptsError } from '../../sign-in-throttle';
import type { SignInDto } from './sign-in.dto';

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: Role;
  refreshToken: string;
}

export class SignInCommand extends Command<SignedIn> {
  constructor(
    readonly input: SignInDto,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * E-mail and password, then the second factor where the user has one (admins must). Failures are
 * counted per account and per address (SignInThrottle); an account reaching SIGN_IN_MAX_FAILURES is
 * locked for SIGN_IN_LOCKOUT. Every attempt, good or bad, is written to the audit log.
 */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly secondFactor: SecondFactor,
    private readonly sessions: Sessions,
    private readonly accessTokens: AccessTokens,
    private readonly audit: AuditLog,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute({ input, origin }: SignInCommand): Promise<SignedIn> {
    const key = emailKey(input.email);
    try {
      await this.throttle.assertAddressAllowed(origin.address);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) await this.audit.record({ outcome: 'address_throttled', emailKey: key, origin });
      throw error;
    }
    const user = await this.dataSource.manager.findOneBy(User, { emailKey: key });
    const lockedUntil = user?.status === 'locked' && user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil : undefined;
    if (lockedUntil) {
      await this.audit.record({ outcome: 'account_locked', userId: user!.id, emailKey: key, origin });
      throw accountLocked(lockedUntil);
    }
    const passwordMatches = await this.hasher.verify(user?.passwordHash ?? null, input.password);
    if (!user) return this.fail('unknown_account', key, origin);
    if (!passwordMatches) return this.fail('wrong_password', key, origin, user);
    if (user.status === 'invited' || user.status === 'deactivated') {
      await this.audit.record({ outcome: 'account_inactive', userId: user.id, emailKey: key, origin });
      throw new SignInFailedError('AUTH.ACCOUNT_INACTIVE', user.status === 'invited' ? 'Set your password with the link you were sent first' : 'This account is deactivated');
    }
    const role = input.role ?? user.roles[0];
    if (!user.roles.includes(role)) {
      await this.audit.record({ outcome: 'role_not_held', userId: user.id, emailKey: key, origin });
      throw new ForbiddenError('AUTH.ROLE_NOT_HELD', `You do not hold the role ${role}`);
    }

    return this.unitOfWork
      .run(async (manager) => {
        const current = await this.users.getForUpdate(manager, user.id);
        const secondFactorProblem = await this.checkSecondFactor(current, input.totp);
        if (secondFactorProblem) {
          // The pending enrolment secret (or nothing) is saved; a wrong code is audited and counted by fail().
          await this.users.save(manager, current);
          if (secondFactorProblem.outcome !== 'totp_wrong') {
            await this.audit.record({ outcome: secondFactorProblem.outcome, userId: current.id, emailKey: key, origin }, manager);
          }
          return secondFactorProblem;
        }
        if (current.status === 'locked') current.apply('unlock');
        current.lockedUntil = null;
        if (this.hasher.needsRehash(current.passwordHash!)) current.passwordHash = await this.hasher.hash(input.password);
        await this.users.save(manager, current);
        const { session, refreshToken } = await this.sessions.open(manager, current.id, role);
        await this.audit.record({ outcome: 'signed_in', userId: current.id, emailKey: key, sessionId: session.id, origin }, manager);
        const { accessToken, expiresIn } = await this.accessTokens.issue(current, session);
        return { accessToken, tokenType: 'Bearer' as const, expiresIn, role, refreshToken };
      })
      .then(async (result) => {
        if ('error' in result) {
          if (result.outcome === 'totp_wrong') return this.fail('totp_wrong', key, origin, user);
          throw result.error;
        }
        await this.throttle.clearAccount(key);
        return result;
      });
  }

  /** Nothing when the second factor is satisfied (or not needed); otherwise why not. */
  private async checkSecondFactor(user: User, code: string | undefined): Promise<{ outcome: SignInOutcome; error: Error } | undefined> {
    if (user.totpEnabled) {
      if (!code) return { outcome: 'totp_required', error: new SignInFailedError('AUTH.TOTP_REQUIRED', 'Enter the 6-digit code of your authenticator app') };
      return this.secondFactor.verify(user, code) ? undefined : { outcome: 'totp_wrong', error: new SignInFailedError() };
    }
    if (!user.totpRequired) return undefined;
    if (code && user.totpPendingSecretEncrypted) {
      return this.secondFactor.confirmEnrolment(user, code) ? undefined : { outcome: 'totp_wrong', error: new SignInFailedError() };
    }
    const enrolment = this.secondFactor.startEnrolment(user);
    return {
      outcome: 'totp_enrolment_required',
      error: new SignInFailedError(
        'AUTH.TOTP_ENROLMENT_REQUIRED',
        'Administrators sign in with a second factor: add this secret to an authenticator app, then sign in again with its code',
        enrolment,
      ),
    };
  }

  private async fail(outcome: SignInOutcome, key: string, origin: RequestOrigin, user?: User): Promise<never> {
    const failures = await this.throttle.recordFailure(key, origin.address);
    let lockedUntil: Date | undefined;
    await this.unitOfWork.run(async (manager) => {
      await this.audit.record({ outcome, userId: user?.id ?? null, emailKey: key, origin }, manager);
      if (!user || failures < this.config.SIGN_IN_MAX_FAILURES) return;
      const current = await this.users.getForUpdate(manager, user.id);
      if (current.status === 'locked') current.apply('unlock');
      if (current.status !== 'active') return;
      current.apply('lock');
      current.lockedUntil = lockedUntil = new Date(Date.now() + this.config.SIGN_IN_LOCKOUT * 1000);
      await this.users.save(manager, current);
    });
    if (lockedUntil) {
      await this.throttle.clearAccount(key);
      throw accountLocked(lockedUntil);
    }
    throw new SignInFailedError();
  }
}

function accountLocked(until: Date): SignInFailedError {
  return new SignInFailedError(
    'AUTH.ACCOUNT_LOCKED',
    'Too many failed sign-ins: this account is locked for a while. Reset your password to unlock it now.',
    { lockedUntil: until.toISOString() },
  );
}
