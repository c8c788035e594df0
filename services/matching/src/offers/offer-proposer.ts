import { ActorRef, OfferProposed } from '@hearth/contracts';
import { score, whyNot } from '@hearth/matching-engine';
import { newEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { todayUtc, toEngineApplicant, WaitlistedHousehold } from '../household-pool/waitlisted-household.entity';
import { MatchingSettings } from '../matching-settings';
import { AvailableUnit, toEngineUnit } from '../unit-pool/available-unit.entity';
import { Offer, OfferSource } from './domain/offer.entity';
import { LIVE_OFFER_STATUSES } from './domain/offer-status';
import {
  HouseholdHasLiveOfferError,
  HouseholdNotWaitlistedError,
  NotEligibleError,
  UnitHasLiveOfferError,
  UnitNotAvailableError,
} from './offer.errors';
import { OfferRepository } from './offer.repository';
import { offerRef } from './offer.view';

export interface Proposal {
  unit: AvailableUnit;
  household: WaitlistedHousehold;
  source: OfferSource;
  runId: string | null;
  rank: number | null;
  justification: string | null;
  actor: ActorRef;
}

/** Proposes a unit to a household, whoever asks: staff from a shortlist, an approved run, or matching itself. */
@Injectable()
export class OfferProposer {
  constructor(
    private readonly offers: OfferRepository,
    private readonly settings: MatchingSettings,
  ) {}

  /**
   * Refuses what cannot be offered: a unit that is not available, a household that is not
   * waitlisted, a live offer on either side, a pair the engine finds ineligible. Returns the score.
   */
  async assertProposable(manager: EntityManager, unit: AvailableUnit, household: WaitlistedHousehold, now = new Date()): Promise<number> {
    if (!unit.isAvailable) throw new UnitNotAvailableError(unit.unitId, unit.status);
    if (!household.isWaitlisted) throw new HouseholdNotWaitlistedError(household.reference, household.status);
    const live = await manager.find(Offer, {
      select: { id: true, unitId: true },
      where: [
        { unitId: unit.unitId, status: In([...LIVE_OFFER_STATUSES]) },
        { householdId: household.householdId, status: In([...LIVE_OFFER_STATUSES]) },
      ],
    });
    if (live.some((offer) => offer.unitId === unit.unitId)) throw new UnitHasLiveOfferError(unit.unitId);
    if (live.length > 0) throw new HouseholdHasLiveOfferError(household.reference);
    const engineUnit = toEngineUnit(unit);
    const applicant = toEngineApplicant(household, todayUtc(now));
    const failures = whyNot(engineUnit, applicant, this.settings.policy);
    if (failures.length > 0) throw new NotEligibleError(household.reference, unit.unitId, failures);
    return score(applicant, engineUnit, this.settings.policy);
  }

  async propose(manager: EntityManager, proposal: Proposal): Promise<Offer> {
    return this.store(manager, proposal, await this.assertProposable(manager, proposal.unit, proposal.household));
  }

  /**
   * Stores a proposal `assertProposable` already accepted, with the score it returned. A live
   * offer proposed meanwhile is still refused, by the repository's unique index.
   */
  async store(manager: EntityManager, proposal: Proposal, offerScore: number): Promise<Offer> {
    const { unit, household, source, runId, rank, justification, actor } = proposal;
    const offer = Offer.proposed({
      id: randomUUID(),
      unitId: unit.unitId,
      householdId: household.householdId,
      reference: household.reference,
      source,
      runId,
      score: offerScore,
      rank,
      justification,
      proposedBy: { id: actor.id, role: actor.role },
    });
    return this.offers.save(manager, offer, (version) => [
      newEvent(OfferProposed, {
        aggregateId: offer.id,
        aggregateVersion: version,
        payload: { ...offerRef(offer), source, runId, score: offerScore, rank },
        actor,
      }),
    ]);
  }
}
