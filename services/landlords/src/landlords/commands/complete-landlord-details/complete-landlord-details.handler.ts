import { Actor } from '@hearth/auth';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { FieldCipher, InvalidTransitionError, ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { maskIban, normalizeIban } from '../../domain/bank-account';
import { LandlordRepository } from '../../landlord.repository';
import { LandlordView, toLandlordView } from '../../landlord.view';
import { CompleteLandlordDetailsDto } from './complete-landlord-details.dto';

export class CompleteLandlordDetailsCommand extends Command<LandlordView> {
  constructor(
    readonly landlordId: string,
    readonly input: CompleteLandlordDetailsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The owner of a prospect record (who signed up through the gateway), or staff on their behalf,
 * gives the name, contact and bank account staff need to verify them. Nothing is published: these
 * are personal data, and the record's status does not change.
 */
@CommandHandler(CompleteLandlordDetailsCommand)
export class CompleteLandlordDetailsHandler implements ICommandHandler<CompleteLandlordDetailsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly landlords: LandlordRepository,
    private readonly cipher: FieldCipher,
  ) {}

  execute({ landlordId, input, actor }: CompleteLandlordDetailsCommand): Promise<LandlordView> {
    return this.unitOfWork.run(async (manager) => {
      const landlord = await this.landlords.getForUpdate(manager, landlordId, actor);
      assertExpectedVersion('Landlord', landlord, input.expectedVersion);
      if (landlord.status !== 'prospect') throw new InvalidTransitionError('LANDLORD.INVALID_TRANSITION', 'Details can be completed only before verification');
      if (landlord.kind === 'company' && !input.companyNumber) throw new ValidationError([{ field: 'companyNumber', message: 'is required for a company' }]);
      landlord.name = input.name;
      landlord.companyNumber = input.companyNumber ?? null;
      landlord.contact = { email: input.contact.email, phone: input.contact.phone ?? null, postalAddress: input.contact.postalAddress ?? null };
      landlord.bankAccountEncrypted = this.cipher.encrypt(normalizeIban(input.bankAccount), `landlord:${landlord.id}:bank-account`);
      landlord.bankAccountMasked = maskIban(input.bankAccount);
      await this.landlords.save(manager, landlord, () => []);
      return toLandlordView(landlord);
    });
  }
}
