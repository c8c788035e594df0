import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../../../sign-in/password-hasher';
import { emailKey, User } from '../../domain/user.entity';
import { EmailLinks } from '../../email-links';
import { assertAcceptablePassword } from '../../password-field';
import { UserRepository } from '../../user.repository';
import { newUser } from '../create-user/create-user.handler';
import type { SignUpLandlordDto } from './sign-up-landlord.dto';

export class SignUpLandlordCommand extends Command<void> {
  constructor(readonly input: SignUpLandlordDto) {
    super();
  }
}

/**
 * An owner opens an account: an invited landlord user with the landlord id its record will have,
 * and an e-mail to confirm the address. The landlord record itself is created by the landlords
 * service when the address is confirmed (LandlordSignedUp). The answer is the same whether or not
 * the address already has an account, so sign-up cannot be used to find out who has one.
 */
@CommandHandler(SignUpLandlordCommand)
export class SignUpLandlordHandler implements ICommandHandler<SignUpLandlordCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly links: EmailLinks,
  ) {}

  async execute({ input }: SignUpLandlordCommand): Promise<void> {
    assertAcceptablePassword(input.password, input.email);
    const passwordHash = await this.hasher.hash(input.password);
    await this.unitOfWork.run(async (manager) => {
      const existing = await this.users.byEmailForUpdate(manager, input.email);
      if (existing) {
        // An unconfirmed sign-up may ask again (a new link, the new password); anyone else is told nothing.
        if (existing.status !== 'invited' || !existing.roles.includes('landlord') || !existing.passwordHash) return;
        existing.passwordHash = passwordHash;
        existing.signUpKind = input.kind;
        await this.users.save(manager, existing);
        await this.links.send(manager, existing, 'verify_email');
        return;
      }
      const user = manager.create(User, {
        ...newUser(),
        email: input.email,
        emailKey: emailKey(input.email),
        displayName: input.displayName,
        preferredLanguage: input.preferredLanguage,
        roles: ['landlord'],
        landlordId: randomUUID(),
        status: 'invited',
        passwordHash,
        passwordChangedAt: new Date(),
        signUpKind: input.kind,
      });
      await this.users.save(manager, user);
      await this.links.send(manager, user, 'verify_email');
    });
  }
}
