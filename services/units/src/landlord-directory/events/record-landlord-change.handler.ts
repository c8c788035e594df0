import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownLandlord } from '../known-landlord.entity';

export type LandlordChange =
  | { kind: 'status'; status: KnownLandlord['status'] }
  | { kind: 'agreement_signed'; agreementId: string }
  | { kind: 'agreement_ended'; agreementId: string }
  /** The whole state, from a snapshot (a read model being rebuilt). */
  | { kind: 'snapshot'; status: KnownLandlord['status']; signedAgreementIds: string[] };

export class RecordLandlordChangeCommand extends Command<void> {
  constructor(
    readonly landlordId: string,
    readonly landlordVersion: number,
    readonly change: LandlordChange,
  ) {
    super();
  }
}

/** Keeps the landlord directory in step with hearth.landlords; an event older than what is
 *  already applied (per landlord version) changes nothing. */
@CommandHandler(RecordLandlordChangeCommand)
export class RecordLandlordChangeHandler implements ICommandHandler<RecordLandlordChangeCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ landlordId, landlordVersion, change }: RecordLandlordChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known =
        (await manager.findOne(KnownLandlord, { where: { id: landlordId }, lock: { mode: 'pessimistic_write' } })) ??
        manager.create(KnownLandlord, { id: landlordId, status: 'prospect', signedAgreementIds: [], landlordVersion: 0 });
      if (landlordVersion <= known.landlordVersion) return;
      if (change.kind === 'status') known.status = change.status;
      if (change.kind === 'snapshot') {
        known.status = change.status;
        known.signedAgreementIds = change.signedAgreementIds;
      }
      if (change.kind === 'agreement_signed') known.signedAgreementIds = [...new Set([...known.signedAgreementIds, change.agreementId])];
      if (change.kind === 'agreement_ended') known.signedAgreementIds = known.signedAgreementIds.filter((id) => id !== change.agreementId);
      known.landlordVersion = landlordVersion;
      await manager.save(known);
    });
  }
}
