import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { emailKey, User } from '../../domain/user.entity';
import { EmailLinks } from '../../email-links';
import { UserRepository } from '../../user.repository';
import { toUserView, type UserView } from '../../user.view';
import type { CreateUserDto } from './create-user.dto';

export class CreateUserCommand extends Command<UserView> {
  constructor(readonly input: CreateUserDto) {
    super();
  }
}

/** An admin opens an account: the user is invited by e-mail to choose a password. */
@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly links: EmailLinks,
  ) {}

  execute({ input }: CreateUserCommand): Promise<UserView> {
    return this.unitOfWork.run(async (manager) => {
      const user = manager.create(User, {
        ...newUser(),
        email: input.email,
        emailKey: emailKey(input.email),
        displayName: input.displayName,
        preferredLanguage: input.preferredLanguage,
        roles: input.roles,
        landlordId: input.landlordId ?? null,
        status: 'invited',
      });
      await this.users.save(manager, user);
      await this.links.send(manager, user, 'invitation');
      return toUserView(await manager.findOneByOrFail(User, { id: user.id }));
    });
  }
}

/** The fields every new user starts with. */
export function newUser() {
  return {
    id: randomUUID(),
    version: 0,
    passwordHash: null,
    signUpKind: null,
    passwordChangedAt: null,
    totpSecretEncrypted: null,
    totpPendingSecretEncrypted: null,
    totpLastStep: null,
    lockedUntil: null,
    tokensValidAfter: null,
  };
}
