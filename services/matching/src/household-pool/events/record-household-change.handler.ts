import { MatchingAttributes } from '@hearth/contracts';
import { redactIdempotentAnswersAbout, UnitOfWork } from '@hearth/persistence';
import { normalizedCodes } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { redactCensusOf } from '../../allocation-runs/census-redaction';
import { OfferWithdrawals } from '../../offers/offer-withdrawals';
import { HouseholdPool } from '../household-pool.repository';
import { PoolHouseholdStatus, WaitlistedHousehold } from '../waitlisted-household.entity';

export type HouseholdChange =
  | { kind: 'attributes'; attributes: MatchingAttributes }
  | { kind: 'status'; status: PoolHouseholdStatus }
  /** Another caseworker (or none) answers the household's offers from now on. */
  | { kind: 'caseworker'; caseworkerId: string | null }
  | { kind: 'erased' };

/** A household in one of these no longer takes part in matching: its proposed and open offers are withdrawn. */
const OUT_OF_THE_POOL: readonly PoolHouseholdStatus[] = ['paused', 'withdrawn', 'exited', 'housed'];

export class RecordHouseholdChangeCommand extends Command<void> {
  constructor(
    readonly householdId: string,
    readonly householdVersion: number,
    readonly change: HouseholdChange,
  ) {
    super();
  }
}

/**
 * Keeps the household pool in step with hearth.applicants; an event older than what is already
 * applied (per household version) changes nothing.
 *
 * Erasure removes what describes the household: its row in the pool, its entries on every stored
 * shortlist (score breakdown, reasons, priority, waiting time), the free-text notes and
 * justifications of its offers, the remembered answers to POSTs about it, and, in the census of
 * every run it took part in, the district codes it named that no unit of the run has (see
 * redactCensusOf). Kept: the id and the pseudonymous reference, as applicants keeps them, on the
 * offers and runs that record what was decided.
 */
@CommandHandler(RecordHouseholdChangeCommand)
export class RecordHouseholdChangeHandler implements ICommandHandler<RecordHouseholdChangeCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdPool,
    private readonly withdrawals: OfferWithdrawals,
  ) {}

  execute({ householdId, householdVersion, change }: RecordHouseholdChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await this.households.find(manager, householdId, { lock: 'update' });
      if (change.kind === 'erased') {
        await this.withdrawals.withdrawLive(manager, { householdId }, 'household_no_longer_waitlisted');
        await manager.delete(WaitlistedHousehold, { householdId });
        await manager.query('UPDATE offers SET note = NULL, justification = NULL WHERE household_id = $1', [householdId]);
        await manager.query(
          `UPDATE shortlists
              SET entries = (SELECT coalesce(jsonb_agg(entry ORDER BY (entry->>'rank')::int), '[]'::jsonb) FROM jsonb_array_elements(entries) entry WHERE entry->>'householdId' <> $1)
            WHERE entries @> jsonb_build_array(jsonb_build_object('householdId', $1::text))`,
          [householdId],
        );
        await redactCensusOf(manager, householdId);
        await redactIdempotentAnswersAbout(manager, householdId);
        return;
      }
      if (known && householdVersion <= known.householdVersion) return;
      let status: PoolHouseholdStatus;
      if (change.kind === 'attributes') {
        const a = change.attributes;
        status = a.status;
        await manager.upsert(
          WaitlistedHousehold,
          {
            householdId,
            reference: a.reference,
            programme: a.programme,
            status,
            householdSize: a.householdSize,
            bedroomsNeeded: a.bedroomsNeeded,
            maxRent: a.maxRent,
            wheelchair: a.wheelchair,
            stepFree: a.stepFree,
            pets: a.pets,
            // Compared with units' districts: normalised the same way, whatever an older event carried.
            excludedDistricts: normalizedCodes(a.excludedDistricts),
            preferredDistricts: normalizedCodes(a.preferredDistricts),
            priority: a.priority,
            waitingSince: a.waitingSince,
            householdVersion,
            updatedAt: new Date(),
            // Events that do not carry the caseworker leave the one on record.
            ...(a.caseworkerId !== undefined && { caseworkerId: a.caseworkerId }),
          },
          ['householdId'],
        );
      } else if (change.kind === 'caseworker') {
        if (!known) return; // never waitlisted here: its waitlisting will carry the caseworker
        known.caseworkerId = change.caseworkerId;
        known.householdVersion = householdVersion;
        known.updatedAt = new Date();
        await manager.save(known);
        return;
      } else {
        if (!known) return; // never waitlisted here: nothing to match
        status = change.status;
        known.status = status;
        known.householdVersion = householdVersion;
        known.updatedAt = new Date();
        await manager.save(known);
      }
      if (OUT_OF_THE_POOL.includes(status)) {
        await this.withdrawals.withdrawLive(manager, { householdId }, 'household_no_longer_waitlisted');
      }
    });
  }
}
