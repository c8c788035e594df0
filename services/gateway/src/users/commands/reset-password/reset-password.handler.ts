import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Sessions } from '../../../sessions/sessions';
import { AuditLog } from '../../../sign-in/audit-log';
import { PasswordHasher } from '../../../sign-in/password-hasher';
import type { RequestOrigin } from '../../../sign-in/request-origin';
import { EmailLinks } from '../../email-links';
import { assertAcceptablePassword } from '../../password-field';
import { InvalidLinkError } from '../../user.errors';
import { UserRepository } from '../../user.repository';

export class ResetPasswordCommand extends Command<void> {
  constructor(
    readonly token: string,
    readonly password: string,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * Sets a password from a reset or invitation link: an invited user becomes active, a locked one is
 * unlocked, and every existing session ends (whoever knew the old password is signed out).
 */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly links: EmailLinks,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  execute({ token, password, origin }: ResetPasswordCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const { userId } = await this.links.consume(manager, token, ['reset_password', 'invitation']);
      const user = await this.users.getForUpdate(manager, userId);
      // A link sent before an admin closed the account does not open it again.
      if (user.status === 'deactivated') throw new InvalidLinkError();
      assertAcceptablePassword(password, user.email);
      user.passwordHash = await this.hasher.hash(password);
      user.passwordChangedAt = new Date();
      if (user.status === 'invited') user.apply('activate');
      if (user.status === 'locked') user.apply('unlock');
      user.lockedUntil = null;
      user.tokensValidAfter = await this.sessions.revokeAll(manager, user.id, 'password_changed');
      await this.users.save(manager, user);
      await this.audit.record({ outcome: 'password_reset', userId: user.id, origin }, manager);
    });
  }
}
