import { Actor } from '@hearth/auth';
import { ApplicantExited, ApplicantPaused, ApplicantResumed, ApplicantWaitlisted, ApplicantWithdrawn } from '@hearth/contracts';
import { NewEvent, newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HouseholdScorer } from '../../../priority/household-scorer';
import { ConsentScope, Household } from '../../domain/household.entity';
import { HouseholdStatus, nextHouseholdStatus } from '../../domain/household-status';
import { ConsentRequiredError, NeedsIncompleteError, NotAssessedError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { toMatchingAttributes } from '../../matching-attributes';
import { PersonalDataVault, VaultContext } from '../../personal-data';

export type StaffTransition = 'waitlist' | 'pause' | 'resume' | 'withdraw' | 'exit';

export interface TransitionDetails {
  expectedVersion?: number;
  reason?: string;
  note?: string;
}

export class TransitionHouseholdCommand extends Command<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly transition: StaffTransition,
    readonly details: TransitionDetails,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** What a household must have consented to in order to be in a status. */
const CONSENT_NEEDED: Partial<Record<HouseholdStatus, ConsentScope[]>> = {
  assessed: ['processing'],
  waitlisted: ['processing', 'matching'],
};

/**
 * Waitlist, pause, resume, withdraw or exit a household: one state machine, one event each.
 * Joining (or rejoining) the waitlist needs consent to processing and matching and recorded needs,
 * and scores the household under the policy in force.
 */
@CommandHandler(TransitionHouseholdCommand)
export class TransitionHouseholdHandler implements ICommandHandler<TransitionHouseholdCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly vault: PersonalDataVault,
    private readonly scorer: HouseholdScorer,
  ) {}

  execute({ householdId, transition, details, actor }: TransitionHouseholdCommand): Promise<HouseholdSummary> {
    return this.unitOfWork.run(async (manager) => {
      // The policy lock before the household's row lock, in every scoring transaction (see PolicyRegistry).
      const policy = await this.scorer.forScoring(manager);
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, details.expectedVersion);
      const target = nextHouseholdStatus(household.status, transition, household.pausedFrom);
      const missing = (CONSENT_NEEDED[target] ?? []).filter((scope) => !household.hasConsent(scope));
      if (missing.length > 0) throw new ConsentRequiredError(missing);
      if (target === 'waitlisted') {
        if (household.maxRent === null || household.needsRecordedAt === null) throw new NeedsIncompleteError();
        if (!(await this.scorer.rescore(manager, household, policy))) throw new NotAssessedError();
      }

      household.apply(transition, details.reason ?? null);
      if (transition === 'resume') household.statusNoteEncrypted = null;
      else if (details.note) household.statusNoteEncrypted = this.vault.seal(VaultContext.statusNote(household.id), details.note);

      await this.households.save(manager, household, (version) => [statusEvent(household, transition, version, actor)]);
      return toHouseholdSummary(household);
    });
  }
}

function statusEvent(household: Household, transition: StaffTransition, version: number, actor: Actor): NewEvent {
  const base = { aggregateId: household.id, aggregateVersion: version, actor };
  const ref = { householdId: household.id, reference: household.reference };
  // The reason of a pause, withdrawal or exit (in treatment, in custody, deceased…) stays here, in
  // statusReason: other services only learn that the household is unavailable, withdrawn or exited.
  switch (transition) {
    case 'waitlist':
      return newEvent(ApplicantWaitlisted, { ...base, payload: toMatchingAttributes(household) });
    case 'pause':
      return newEvent(ApplicantPaused, { ...base, payload: { ...ref, status: 'paused' } });
    case 'resume':
      return newEvent(ApplicantResumed, {
        ...base,
        payload: household.isInMatchingPool ? toMatchingAttributes(household) : { ...ref, programme: household.programme, status: household.status },
      });
    case 'withdraw':
      return newEvent(ApplicantWithdrawn, { ...base, payload: { ...ref, status: 'withdrawn' } });
    case 'exit':
      return newEvent(ApplicantExited, { ...base, payload: { ...ref, status: 'exited' } });
  }
}
