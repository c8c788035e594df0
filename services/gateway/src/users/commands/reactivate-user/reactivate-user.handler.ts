import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { InvalidTransitionError } from '@hearth/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserRepository } from '../../user.repository';
import { toUserView, type UserView } from '../../user.view';

export class ReactivateUserCommand extends Command<UserView> {
  constructor(
    readonly userId: string,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** An admin lets a user sign in again: a deactivated account is reopened, a locked one unlocked. */
@CommandHandler(ReactivateUserCommand)
export class ReactivateUserHandler implements ICommandHandler<ReactivateUserCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
  ) {}

  execute({ userId, expectedVersion }: ReactivateUserCommand): Promise<UserView> {
    return this.unitOfWork.run(async (manager) => {
      const user = await this.users.getForUpdate(manager, userId);
      assertExpectedVersion('User', user, expectedVersion);
      if (user.status === 'locked') user.apply('unlock');
      else if (user.status === 'deactivated') user.apply('reactivate');
      else throw new InvalidTransitionError('USER.INVALID_TRANSITION', `An ${user.status} user cannot be reactivated`);
      user.lockedUntil = null;
      await this.users.save(manager, user);
      return toUserView(user);
    });
  }
}
