import type { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Sessions } from '../../../sessions/sessions';
import { AuditLog } from '../../../sign-in/audit-log';
import { PasswordHasher } from '../../../sign-in/password-hasher';
import type { RequestOrigin } from '../../../sign-in/request-origin';
import { assertAcceptablePassword } from '../../password-field';
import { UserRepository } from '../../user.repository';

export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly currentPassword: string,
    readonly newPassword: string,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/** A signed-in user changes their password; every session ends, so sign in again with it. */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  execute({ actor, currentPassword, newPassword, origin }: ChangePasswordCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const user = await this.users.getForUpdate(manager, actor.id);
      if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
        throw new ValidationError([{ field: 'currentPassword', message: 'is not your current password' }]);
      }
      assertAcceptablePassword(newPassword, user.email, 'newPassword');
      user.passwordHash = await this.hasher.hash(newPassword);
      user.passwordChangedAt = new Date();
      user.tokensValidAfter = await this.sessions.revokeAll(manager, user.id, 'password_changed');
      await this.users.save(manager, user);
      await this.audit.record({ outcome: 'password_changed', userId: user.id, origin }, manager);
    });
  }
}
