import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AgreementCoverage, KnownAgreement, KnownLandlord, LoanTerms } from '../known-records.entity';

export interface SignedAgreement {
  agreementId: string;
  scheme: KnownAgreement['scheme'];
  startDate: string;
  endDate: string;
  guaranteedRentCents: number;
  coverage: AgreementCoverage | null;
  renovationLoan: LoanTerms | null;
}

export type LandlordChange =
  | ({ kind: 'agreement_signed' } & SignedAgreement)
  | { kind: 'agreement_ended'; agreementId: string; endedOn: string }
  /** The owner registered: the language of their documents (decision 0029). */
  | { kind: 'registered'; preferredLanguage: string | null }
  /** From a snapshot: the agreements in force (terms as far as the snapshot carries them), the language if it carries one. */
  | { kind: 'snapshot'; agreements: SignedAgreement[]; preferredLanguage: string | null };

export class RecordLandlordChangeCommand extends Command<void> {
  constructor(
    readonly landlordId: string,
    readonly landlordVersion: number,
    readonly change: LandlordChange,
  ) {
    super();
  }
}

/** Keeps the landlords' signed agreements (the terms a head lease is recorded from) and the owner's language; an event
 *  older than the landlord version already applied changes nothing. */
@CommandHandler(RecordLandlordChangeCommand)
export class RecordLandlordChangeHandler implements ICommandHandler<RecordLandlordChangeCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ landlordId, landlordVersion, change }: RecordLandlordChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      // Serialised with head leases being recorded for this landlord's flats (see RecordHeadLeaseHandler).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`landlord-scheme:${landlordId}`]);
      const known = await manager.findOne(KnownLandlord, { where: { id: landlordId }, lock: { mode: 'pessimistic_write' } });
      if (known && landlordVersion <= known.landlordVersion) return;
      const preferredLanguage = change.kind === 'registered' || change.kind === 'snapshot' ? change.preferredLanguage : null;
      // A snapshot without a language never erases one heard before.
      await manager.save(KnownLandlord, { id: landlordId, landlordVersion, ...(preferredLanguage !== null && { preferredLanguage }) });
      if (change.kind === 'registered') return;
      if (change.kind === 'agreement_ended') {
        await manager.update(KnownAgreement, { id: change.agreementId, landlordId }, { endedOn: change.endedOn });
        return;
      }
      const agreements = change.kind === 'snapshot' ? change.agreements : [change];
      for (const { agreementId, ...terms } of agreements) {
        const existing = await manager.findOneBy(KnownAgreement, { id: agreementId });
        await manager.save(KnownAgreement, {
          ...terms,
          // A snapshot without terms never erases terms a v2 event gave us.
          coverage: terms.coverage ?? existing?.coverage ?? null,
          renovationLoan: terms.renovationLoan ?? existing?.renovationLoan ?? null,
          id: agreementId,
          landlordId,
          endedOn: null,
          signedAt: existing?.signedAt ?? new Date(),
        });
      }
    });
  }
}
