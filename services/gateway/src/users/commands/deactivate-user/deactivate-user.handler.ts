import type { Actor } from '@hearth/auth';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { ConflictError } from '@hearth/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Sessions } from '../../../sessions/sessions';
import { UserRepository } from '../../user.repository';
import { toUserView, type UserView } from '../../user.view';

export class DeactivateUserCommand extends Command<UserView> {
  constructor(
    readonly userId: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** An admin closes an account: it can no longer sign in, its sessions end and its access tokens are refused at once. */
@CommandHandler(DeactivateUserCommand)
export class DeactivateUserHandler implements ICommandHandler<DeactivateUserCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
  ) {}

  execute({ userId, actor, expectedVersion }: DeactivateUserCommand): Promise<UserView> {
    if (userId === actor.id) throw new ConflictError('USER.CANNOT_DEACTIVATE_SELF', 'Administrators cannot deactivate their own account');
    return this.unitOfWork.run(async (manager) => {
      const user = await this.users.getForUpdate(manager, userId);
      assertExpectedVersion('User', user, expectedVersion);
      user.apply('deactivate');
      user.tokensValidAfter = await this.sessions.revokeAll(manager, user.id, 'user_deactivated');
      await this.users.save(manager, user);
      return toUserView(user);
    });
  }
}
