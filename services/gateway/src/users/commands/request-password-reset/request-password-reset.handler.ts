import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EmailLinks } from '../../email-links';
import { UserRepository } from '../../user.repository';

export class RequestPasswordResetCommand extends Command<void> {
  constructor(readonly email: string) {
    super();
  }
}

/** Sends a single-use reset link (an invited user gets their invitation again); says nothing about whether the account exists. */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly links: EmailLinks,
  ) {}

  execute({ email }: RequestPasswordResetCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const user = await this.users.byEmailForUpdate(manager, email);
      if (!user || user.status === 'deactivated') return;
      if (user.status === 'invited') {
        await this.links.send(manager, user, user.passwordHash ? 'verify_email' : 'invitation');
        return;
      }
      await this.links.send(manager, user, 'reset_password');
    });
  }
}
