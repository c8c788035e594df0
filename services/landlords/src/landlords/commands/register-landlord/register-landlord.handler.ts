import { Actor } from '@hearth/auth';
import { LandlordRegistered } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { FieldCipher } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { maskIban, normalizeIban } from '../../domain/bank-account';
import { Landlord } from '../../domain/landlord.entity';
import { LandlordRepository } from '../../landlord.repository';
import { LandlordView, toLandlordView } from '../../landlord.view';
import { RegisterLandlordDto } from './register-landlord.dto';

export class RegisterLandlordCommand extends Command<LandlordView> {
  constructor(
    readonly input: RegisterLandlordDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(RegisterLandlordCommand)
export class RegisterLandlordHandler implements ICommandHandler<RegisterLandlordCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly landlords: LandlordRepository,
    private readonly cipher: FieldCipher,
  ) {}

  execute({ input, actor }: RegisterLandlordCommand): Promise<LandlordView> {
    return this.unitOfWork.run(async (manager) => {
      const id = randomUUID();
      const landlord = manager.create(Landlord, {
        id,
        version: 0,
        kind: input.kind,
        name: input.name,
        companyNumber: input.companyNumber ?? null,
        contact: { email: input.contact.email, phone: input.contact.phone ?? null, postalAddress: input.contact.postalAddress ?? null },
        preferredLanguage: input.preferredLanguage,
        bankAccountEncrypted: this.cipher.encrypt(normalizeIban(input.bankAccount), `landlord:${id}:bank-account`),
        bankAccountMasked: maskIban(input.bankAccount),
        status: 'prospect',
        statusReason: null,
      });
      await this.landlords.save(manager, landlord, (version) => [
        newEvent(LandlordRegistered, {
          aggregateId: landlord.id,
          aggregateVersion: version,
          payload: { landlordId: landlord.id, kind: landlord.kind, status: 'prospect', preferredLanguage: landlord.preferredLanguage },
          actor,
        }),
      ]);
      // The insert's RETURNING has already filled in createdAt and updatedAt.
      return toLandlordView(landlord);
    });
  }
}
