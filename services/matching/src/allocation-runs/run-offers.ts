import { ActorRef } from '@hearth/contracts';
import { DomainError } from '@hearth/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdPool } from '../household-pool/household-pool.repository';
import { OfferProposer } from '../offers/offer-proposer';
import { inSavepoint } from '../savepoint';
import { UnitPool } from '../unit-pool/unit-pool.repository';
import { AllocationRun } from './domain/allocation-run.entity';

export interface RunOfferCounts {
  offersProposed: number;
  excluded: number;
  skipped: number;
}

/**
 * Turns a run's proposals into offers (proposed, source allocation_run). A proposal the board
 * excluded is left out; one whose unit or household changed since the run (no longer available or
 * waitlisted, under another live offer, no longer eligible) is skipped with the reason's code.
 */
@Injectable()
export class RunOffers {
  constructor(
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly proposer: OfferProposer,
  ) {}

  async propose(manager: EntityManager, run: AllocationRun, excludedUnitIds: ReadonlySet<string>, actor: ActorRef): Promise<RunOfferCounts> {
    const counts: RunOfferCounts = { offersProposed: 0, excluded: 0, skipped: 0 };
    const proposals = run.proposals.map((proposal) => ({ ...proposal }));
    for (const proposal of proposals) {
      if (excludedUnitIds.has(proposal.unitId)) {
        proposal.outcome = 'excluded';
        counts.excluded++;
        continue;
      }
      try {
        const offer = await inSavepoint(manager, async () => {
          const unit = await this.units.get(manager, proposal.unitId, { lock: 'share' });
          const household = await this.households.get(manager, proposal.householdId, { lock: 'share' });
          return this.proposer.propose(manager, { unit, household, source: 'allocation_run', runId: run.id, rank: null, justification: null, actor });
        });
        proposal.outcome = 'offer_proposed';
        proposal.offerId = offer.id;
        counts.offersProposed++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        proposal.outcome = 'skipped';
        proposal.skippedBecause = error.code;
        counts.skipped++;
      }
    }
    run.proposals = proposals;
    return counts;
  }
}
