import { Actor } from '@hearth/auth';
import { ApplicantErased } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BoardDecision } from '../../../board/domain/board-decision.entity';
import { Assessment } from '../../domain/assessment.entity';
import { Consent } from '../../domain/consent.entity';
import { nextHouseholdStatus } from '../../domain/household-status';
import { HouseholdErasedError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { isoDate } from '../../matching-attributes';
import { EraseHouseholdDto } from './erase-household.dto';

export class EraseHouseholdCommand extends Command<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly input: EraseHouseholdDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

const ERASED_TEXT = 'Erased with the household’s personal data';

/**
 * Erases a household's personal data: contact, referral, legal status, notes, needs reasons and
 * income, assessment answers, consent notes, the score breakdown, board justifications and the
 * duplicate hash. Kept, for anonymous statistics and accountability: programme, composition
 * counts, dates, scores, statuses, decisions (without their words) and the access log.
 * Refused while an offer or tenancy depends on the household. Other services drop what they hold
 * on ApplicantErased.
 */
@CommandHandler(EraseHouseholdCommand)
export class EraseHouseholdHandler implements ICommandHandler<EraseHouseholdCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
  ) {}

  execute({ householdId, input, actor }: EraseHouseholdCommand): Promise<HouseholdSummary> {
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, input.expectedVersion);
      if (household.isErased) throw new HouseholdErasedError(household.reference);
      nextHouseholdStatus(household.status, 'erase');

      await manager.update(Assessment, { householdId }, { detailsEncrypted: null });
      await manager.update(Consent, { householdId }, { noteEncrypted: null });
      await manager.update(BoardDecision, { householdId }, { justification: ERASED_TEXT });
      await manager
        .createQueryBuilder()
        .update(BoardDecision)
        .set({ reversalJustification: ERASED_TEXT })
        .where('household_id = :householdId AND reversal_justification IS NOT NULL', { householdId })
        .execute();
      household.apply('erase', 'erased');
      household.personalEncrypted = null;
      household.needsEncrypted = null;
      household.statusNoteEncrypted = null;
      household.priorityBreakdownEncrypted = null;
      household.duplicateKey = null;
      household.preferredDistricts = [];
      household.excludedDistricts = [];
      household.consentScope = [];
      household.erasedAt = new Date();

      await this.households.save(manager, household, (version) => [
        newEvent(ApplicantErased, {
          aggregateId: household.id,
          aggregateVersion: version,
          actor,
          payload: { householdId: household.id, reference: household.reference, status: 'exited', erasedOn: isoDate(household.erasedAt!) },
        }),
      ]);
      return toHouseholdSummary(household);
    });
  }
}
