import { Actor } from '@hearth/auth';
import { ApplicantNeedsChanged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Household } from '../households/domain/household.entity';
import { HouseholdRepository } from '../households/household.repository';
import { changedMatchingAttributes, matchingAttributesOrNull } from '../households/matching-attributes';
import { PriorityPolicy } from '../priority/domain/priority-policy';
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

  /** Taken before any household row lock (see PolicyRegistry); returns the policy to pass to apply. */
  lockPolicy(manager: EntityManager): Promise<PriorityPolicy> {
    return this.scorer.forScoring(manager);
  }

  async apply(manager: EntityManager, household: Household, actor: Actor, policy: PriorityPolicy): Promise<void> {
    const before = matchingAttributesOrNull(household);
    const standing = boardStandingOf(await manager.findBy(BoardDecision, { householdId: household.id }));
    household.urgent = standing.urgent;
    household.boardAdjustment = standing.adjustment;
    await this.scorer.rescore(manager, household, policy);
    const after = changedMatchingAttributes(household, before);
    await this.households.save(manager, household, (version) =>
      after ? [newEvent(ApplicantNeedsChanged, { aggregateId: household.id, aggregateVersion: version, actor, payload: after })] : [],
    );
  }
}
