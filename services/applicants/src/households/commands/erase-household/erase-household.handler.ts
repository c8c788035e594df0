import { Actor } from '@hearth/auth';
import { ApplicantErased } from '@hearth/contracts';
import { newEvent, redactOutboxPayloads, unpublishedEventsOf } from '@hearth/messaging';
import { assertExpectedVersion, redactIdempotentAnswersAbout, UnitOfWork } from '@hearth/persistence';
import { TransientError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
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

/** How long erasure waits for the relay to publish the household's last events. */
const OUTBOX_DRAIN_MS = 5_000;

/**
 * Erases a household's personal data: contact, referral, legal status, notes, needs reasons and
 * income, assessment answers, consent notes, the score breakdown, board justifications, the
 * duplicate hash, the payloads of its events kept in the outbox (districts, rent, needs: what they
 * told other services) and the remembered answers to its POSTs. Kept, for anonymous statistics and
 * accountability: id and reference, programme, composition counts, dates, scores, statuses,
 * decisions (without their words), the events' envelopes and the access log.
 * Refused while an offer or tenancy depends on the household. Other services drop what they hold
 * on ApplicantErased.
 */
@CommandHandler(EraseHouseholdCommand)
export class EraseHouseholdHandler implements ICommandHandler<EraseHouseholdCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ householdId, input, actor }: EraseHouseholdCommand): Promise<HouseholdSummary> {
    // An event still waiting in the outbox would be published after its copy was redacted:
    // erasure waits for the relay (milliseconds, normally), then checks again under the row lock.
    await this.outboxDrained(householdId);
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, input.expectedVersion);
      if (household.isErased) throw new HouseholdErasedError(household.reference);
      nextHouseholdStatus(household.status, 'erase');
      if ((await unpublishedEventsOf(manager, householdId)) > 0) {
        throw new TransientError('Events of this household are still being published; erasure can be retried in a moment');
      }
      await redactOutboxPayloads(manager, householdId, { householdId, reference: household.reference, erased: true });
      await redactIdempotentAnswersAbout(manager, householdId);

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

  private async outboxDrained(householdId: string): Promise<void> {
    const deadline = Date.now() + OUTBOX_DRAIN_MS;
    while ((await unpublishedEventsOf(this.dataSource.manager, householdId)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
