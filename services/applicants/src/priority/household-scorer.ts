import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Assessment } from '../households/domain/assessment.entity';
import { Household } from '../households/domain/household.entity';
import { AssessmentDetails, PersonalDataVault, VaultContext } from '../households/personal-data';
import { PriorityPolicy, PriorityScore, scorePriority } from './domain/priority-policy';
import { PolicyRegistry } from './policy-registry';

/** Scores a household under the policy in force, from its current assessment and the board's decisions. */
@Injectable()
export class HouseholdScorer {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly policies: PolicyRegistry,
  ) {}

  /** Re-scores an assessed household in place under `policy` (from forScoring); null (and nothing changed) when it has no assessment. */
  async rescore(manager: EntityManager, household: Household, policy: PriorityPolicy): Promise<PriorityScore | null> {
    if (!household.currentAssessmentId) return null;
    const assessment = await manager.findOneByOrFail(Assessment, { id: household.currentAssessmentId });
    if (!assessment.detailsEncrypted) return null;
    const details = this.vault.open<AssessmentDetails>(VaultContext.assessment(assessment.id), assessment.detailsEncrypted);
    return this.score(household, details, policy);
  }

  /** Scores a household from assessment details already at hand (a new assessment). */
  score(household: Household, details: AssessmentDetails, policy: PriorityPolicy): PriorityScore {
    const score = scorePriority(policy, details, { urgent: household.urgent, adjustment: household.boardAdjustment });
    household.assessmentScore = score.assessmentScore;
    household.priority = score.priority;
    household.policyVersion = score.policyVersion;
    household.priorityBreakdownEncrypted = this.vault.seal(VaultContext.breakdown(household.id), score.breakdown);
    return score;
  }

  /** Takes the policy lock (shared) and returns the policy in force: once per transaction, before any household row lock. */
  forScoring(manager: EntityManager): Promise<PriorityPolicy> {
    return this.policies.forScoring(manager);
  }
}
