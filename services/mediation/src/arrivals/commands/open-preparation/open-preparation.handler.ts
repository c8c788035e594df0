import { NeighbourPreparationOpened, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { MediationRules } from '../../../config';
import { KnownHousehold } from '../../../directory/known-household.entity';
import { DEFAULT_TASKS, Preparation, PreparationTask } from '../../domain/preparation.entity';
import { preparationEventRef, PreparationRepository } from '../../preparation.repository';

export class OpenPreparationCommand extends Command<'opened' | 'exists'> {
  constructor(
    readonly offer: { offerId: string; unitId: string; householdId: string; reference: string; acceptedAt: string },
  ) {
    super();
  }
}

/**
 * An offer was accepted: the neighbours' preparation opens with its tasks (the building's manager,
 * the neighbours, the residents' association, an information meeting), each owned by the
 * household's caseworker when known and due the configured working days later. Nothing about the
 * household is shared until its consent is recorded. Once per offer.
 */
@CommandHandler(OpenPreparationCommand)
export class OpenPreparationHandler implements ICommandHandler<OpenPreparationCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
  ) {}

  execute({ offer }: OpenPreparationCommand): Promise<'opened' | 'exists'> {
    return this.unitOfWork.run(async (manager) => {
      if (await manager.findOneBy(Preparation, { offerId: offer.offerId })) return 'exists';
      const household = await manager.findOneBy(KnownHousehold, { householdId: offer.householdId });
      const openedOn = this.rules.today(new Date(offer.acceptedAt));
      const dueOn = this.rules.calendar.addWorkingDays(openedOn, this.rules.preparationTaskDays);
      const ownerId = household?.caseworkerId ?? null;
      const preparation = manager.create(Preparation, {
        id: randomUUID(),
        version: 0,
        offerId: offer.offerId,
        unitId: offer.unitId,
        householdId: offer.householdId,
        reference: offer.reference,
        status: 'open',
        ownerId,
        sharedItems: [],
        consentRecordedOn: null,
        consentNoteEncrypted: null,
        tenancyId: null,
        tenancyStartedOn: null,
        meetingDueOn: null,
        meetingHeldOn: null,
        meetingAttendees: null,
        meetingNotesEncrypted: null,
        buddyEncrypted: null,
        buddyAssignedOn: null,
      });
      await this.preparations.save(manager, preparation, (version) => [
        newEvent(NeighbourPreparationOpened, {
          aggregateId: preparation.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: { ...preparationEventRef(preparation), offerId: offer.offerId, tasks: DEFAULT_TASKS.length, openedOn },
        }),
      ]);
      await manager.insert(
        PreparationTask,
        DEFAULT_TASKS.map((kind) => ({ id: randomUUID(), preparationId: preparation.id, kind, ownerId, startedOn: openedOn, dueOn, doneOn: null, resultEncrypted: null, neighbourId: null })),
      );
      return 'opened';
    });
  }
}
