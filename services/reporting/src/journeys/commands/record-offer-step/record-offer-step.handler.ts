import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';

/** The columns of an offer one event fills (each event its own, so arrival order does not matter). */
export type OfferFacts = Partial<{
  source: string;
  runId: string | null;
  proposedOn: string;
  madeOn: string;
  acceptedOn: string;
  declinedOn: string;
  declineReason: string;
  declineParty: string;
  expiredOn: string;
  withdrawnOn: string;
  withdrawnFrom: string;
  withdrawalReason: string;
}>;

const COLUMNS: Record<keyof OfferFacts, string> = {
  source: 'source',
  runId: 'run_id',
  proposedOn: 'proposed_on',
  madeOn: 'made_on',
  acceptedOn: 'accepted_on',
  declinedOn: 'declined_on',
  declineReason: 'decline_reason',
  declineParty: 'decline_party',
  expiredOn: 'expired_on',
  withdrawnOn: 'withdrawn_on',
  withdrawnFrom: 'withdrawn_from',
  withdrawalReason: 'withdrawal_reason',
};

export class RecordOfferStepCommand extends Command<void> {
  constructor(
    readonly offerId: string,
    readonly unitId: string,
    readonly householdId: string,
    readonly facts: OfferFacts,
  ) {
    super();
  }
}

@CommandHandler(RecordOfferStepCommand)
export class RecordOfferStepHandler implements ICommandHandler<RecordOfferStepCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ offerId, unitId, householdId, facts }: RecordOfferStepCommand): Promise<void> {
    const entries = (Object.keys(facts) as (keyof OfferFacts)[]).filter((key) => facts[key] !== undefined);
    const columns = entries.map((key) => COLUMNS[key]);
    const values = entries.map((key) => facts[key] ?? null);
    return this.unitOfWork.run(async (manager) => {
      await manager.query(
        `INSERT INTO offers (offer_id, unit_id, household_id${columns.map((c) => `, ${c}`).join('')})
         VALUES ($1, $2, $3${values.map((_, i) => `, $${i + 4}`).join('')})
         ON CONFLICT (offer_id) DO ${columns.length ? `UPDATE SET ${columns.map((c) => `${c} = coalesce(offers.${c}, EXCLUDED.${c})`).join(', ')}` : 'NOTHING'}`,
        [offerId, unitId, householdId, ...values],
      );
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
