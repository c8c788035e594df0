import { Actor } from '@hearth/auth';
import { ApplicantAssessed, ApplicantNeedsChanged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { HouseholdScorer } from '../../../priority/household-scorer';
import { Assessment } from '../../domain/assessment.entity';
import { nextHouseholdStatus } from '../../domain/household-status';
import { ConsentRequiredError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { changedMatchingAttributes, matchingAttributesOrNull } from '../../matching-attributes';
import { AssessmentDetails, PersonalDataVault, VaultContext } from '../../personal-data';
import { AssessHouseholdDto } from './assess-household.dto';

export class AssessHouseholdCommand extends Command<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly input: AssessHouseholdDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Records a priority assessment (needs consent to processing) and scores it under the policy in
 * force. A re-assessment of a waitlisted household also publishes its new matching attributes.
 */
@CommandHandler(AssessHouseholdCommand)
export class AssessHouseholdHandler implements ICommandHandler<AssessHouseholdCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly vault: PersonalDataVault,
    private readonly scorer: HouseholdScorer,
  ) {}

  execute({ householdId, input, actor }: AssessHouseholdCommand): Promise<HouseholdSummary> {
    return this.unitOfWork.run(async (manager) => {
      // The policy lock before the household's row lock, in every scoring transaction (see PolicyRegistry).
      const policy = await this.scorer.forScoring(manager);
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, input.expectedVersion);
      nextHouseholdStatus(household.status, 'assess');
      if (!household.hasConsent('processing')) throw new ConsentRequiredError(['processing']);
      const before = matchingAttributesOrNull(household);

      const details: AssessmentDetails = {
        assessedOn: input.assessedOn,
        livingSituation: input.livingSituation,
        leavingInstitutionOn: input.leavingInstitutionOn ?? null,
        monthsHomelessLast3Years: input.monthsHomelessLast3Years,
        vulnerabilities: input.vulnerabilities,
        vulnerabilityDetails: input.vulnerabilityDetails ?? null,
        notes: input.notes ?? null,
      };
      const score = this.scorer.score(household, details, policy);
      const id = randomUUID();
      await manager.insert(Assessment, {
        id,
        householdId,
        assessedOn: input.assessedOn,
        assessedBy: actor.id,
        assessedRole: actor.role,
        detailsEncrypted: this.vault.seal(VaultContext.assessment(id), details),
        score: score.assessmentScore,
        policyVersion: score.policyVersion,
      });
      household.currentAssessmentId = id;
      household.apply('assess');

      const ref = { householdId: household.id, reference: household.reference };
      await this.households.save(manager, household, (version) => [
        newEvent(ApplicantAssessed, {
          aggregateId: household.id,
          aggregateVersion: version,
          actor,
          payload: { ...ref, status: household.status, priority: score.priority, policyVersion: score.policyVersion, assessedOn: input.assessedOn },
        }),
      ]);
      const after = changedMatchingAttributes(household, before);
      if (after) {
        await this.households.save(manager, household, (version) => [
          newEvent(ApplicantNeedsChanged, { aggregateId: household.id, aggregateVersion: version, actor, payload: after }),
        ]);
      }
      return toHouseholdSummary(household);
    });
  }
}
