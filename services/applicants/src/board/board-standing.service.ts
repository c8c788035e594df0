import { Actor } from '@hearth/auth';
import { ApplicantNeedsChanged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Household } from '../households/domain/household.entity';
import { HouseholdRepository } from '../households/household.repository';
import { matchingAttributesDiffer, matchingAttributesOrNull, toMatchingAttributes } from '../households/matching-attributes';
import { HouseholdScorer } from '../priority/household-scorer';
import { BoardDecision, boardStandingOf } from './domain/board-decision.entity';

/**
 * Applies the board's decisions to a household: urgent status and the sum of active adjustments
 * feed its score; a household in the matching pool whose priority changed publishes it.
 */
@Injectable()
export class BoardStandingService {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly scorer: HouseholdScorer,
  ) {}

  /** Taken before any household row lock (see PolicyRegistry). */
  async lockPolicy(manager: EntityManager): Promise<void> {
    await this.scorer.forScoring(manager);
  }

  async apply(manager: EntityManager, household: Household, actor: Actor): Promise<void> {
    const before = household.isInMatchingPool ? matchingAttributesOrNull(household) : null;
    const standing = boardStandingOf(await manager.findBy(BoardDecision, { householdId: household.id }));
    household.urgent = standing.urgent;
    household.boardAdjustment = standing.adjustment;
    await this.scorer.rescore(manager, household);
    const after = household.isInMatchingPool ? toMatchingAttributes(household) : null;
    await this.households.save(manager, household, (version) =>
      after && matchingAttributesDiffer(before, after)
        ? [newEvent(ApplicantNeedsChanged, { aggregateId: household.id, aggregateVersion: version, actor, payload: after })]
        : [],
    );
  }
}
