import { SYSTEM_ACTOR } from '@hearth/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdPool } from '../household-pool/household-pool.repository';
import { MatchingSettings } from '../matching-settings';
import { inSavepoint } from '../savepoint';
import { Shortlister } from '../shortlists/shortlister';
import { UnitPool } from '../unit-pool/unit-pool.repository';
import { Offer } from './domain/offer.entity';
import { OfferProposer } from './offer-proposer';
import { HouseholdHasLiveOfferError, HouseholdNotWaitlistedError, NotEligibleError, UnitHasLiveOfferError } from './offer.errors';

/**
 * After a decline or an expiry (when AUTO_PROPOSE_NEXT is on): recomputes the unit's shortlist —
 * households already offered this unit, whatever their answer, are no longer on it — and proposes
 * the unit to the first household that can still take it.
 */
@Injectable()
export class NextOnShortlist {
  constructor(
    private readonly settings: MatchingSettings,
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly shortlister: Shortlister,
    private readonly proposer: OfferProposer,
  ) {}

  async propose(manager: EntityManager, unitId: string): Promise<Offer | null> {
    if (!this.settings.autoProposeNext) return null;
    const unit = await this.units.find(manager, unitId, { lock: 'update' });
    if (!unit?.isAvailable) return null;
    const shortlist = await this.shortlister.computeAndStore(manager, unit);
    for (const entry of shortlist.entries) {
      const household = await this.households.find(manager, entry.householdId, { lock: 'share' });
      if (!household) continue;
      try {
        return await inSavepoint(manager, () =>
          this.proposer.propose(manager, {
            unit,
            household,
            source: 'next_on_shortlist',
            runId: null,
            rank: entry.rank,
            justification: null,
            actor: SYSTEM_ACTOR,
          }),
        );
      } catch (error) {
        if (error instanceof UnitHasLiveOfferError) return null; // someone proposed it meanwhile
        if (error instanceof HouseholdHasLiveOfferError || error instanceof HouseholdNotWaitlistedError || error instanceof NotEligibleError) continue;
        throw error;
      }
    }
    return null;
  }
}
