import { ActorRef, LandlordRegistered, PayloadOf, LandlordSignedUp } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Landlord } from '../domain/landlord.entity';
import { LandlordRepository } from '../landlord.repository';

export class OpenSignedUpLandlordCommand extends Command<void> {
  constructor(
    readonly signUp: PayloadOf<typeof LandlordSignedUp>,
    readonly actor: ActorRef,
  ) {
    super();
  }
}

/** An owner confirmed their sign-up at the gateway: a prospect record under the id their tokens already carry, details to follow. */
@CommandHandler(OpenSignedUpLandlordCommand)
export class OpenSignedUpLandlordHandler implements ICommandHandler<OpenSignedUpLandlordCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly landlords: LandlordRepository,
  ) {}

  execute({ signUp, actor }: OpenSignedUpLandlordCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      if (await manager.existsBy(Landlord, { id: signUp.landlordId })) return;
      const landlord = manager.create(Landlord, {
        id: signUp.landlordId,
        version: 0,
        kind: signUp.kind,
        name: null,
        companyNumber: null,
        contact: null,
        preferredLanguage: signUp.preferredLanguage,
        bankAccountEncrypted: null,
        bankAccountMasked: null,
        status: 'prospect',
        statusReason: null,
      });
      await this.landlords.save(manager, landlord, (version) => [
        newEvent(LandlordRegistered, { aggregateId: landlord.id, aggregateVersion: version, payload: { landlordId: landlord.id, kind: landlord.kind, status: 'prospect', preferredLanguage: landlord.preferredLanguage }, actor }),
      ]);
    });
  }
}
