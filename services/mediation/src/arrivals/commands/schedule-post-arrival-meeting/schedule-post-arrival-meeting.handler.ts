import { PostArrivalMeetingScheduled, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { addDays } from '../../../calendar/working-days';
import { MediationRules } from '../../../config';
import { KnownHousehold } from '../../../directory/known-household.entity';
import { KnownTenancy } from '../../../directory/known-tenancy.entity';
import { Preparation } from '../../domain/preparation.entity';
import { preparationEventRef, PreparationRepository } from '../../preparation.repository';

export class SchedulePostArrivalMeetingCommand extends Command<'scheduled' | 'exists' | 'unknown_tenancy'> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/**
 * The tenancy started: the household's arrival case (the preparation opened on the accepted
 * offer, or a new one when there was none) gets its post-arrival meeting, POST_ARRIVAL_MEETING_DAYS
 * after the start (35 by default, within the 4–6 weeks practice recommends). Once per tenancy.
 */
@CommandHandler(SchedulePostArrivalMeetingCommand)
export class SchedulePostArrivalMeetingHandler implements ICommandHandler<SchedulePostArrivalMeetingCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
  ) {}

  execute({ tenancyId }: SchedulePostArrivalMeetingCommand) {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOneBy(KnownTenancy, { tenancyId });
      if (!tenancy || !tenancy.startedOn) return 'unknown_tenancy' as const;
      if (await manager.findOneBy(Preparation, { tenancyId })) return 'exists' as const;
      const candidates = await manager.find(Preparation, {
        where: { unitId: tenancy.unitId, householdId: tenancy.householdId, status: In(['open', 'completed']) },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      let preparation = candidates.find((candidate) => candidate.tenancyId === null);
      if (!preparation) {
        const household = await manager.findOneBy(KnownHousehold, { householdId: tenancy.householdId });
        preparation = manager.create(Preparation, {
          id: randomUUID(),
          version: 0,
          offerId: null,
          unitId: tenancy.unitId,
          householdId: tenancy.householdId,
          reference: tenancy.reference,
          status: 'open',
          ownerId: household?.caseworkerId ?? null,
          sharedItems: [],
          consentRecordedOn: null,
          consentNoteEncrypted: null,
          meetingHeldOn: null,
          meetingAttendees: null,
          meetingNotesEncrypted: null,
          buddyEncrypted: null,
          buddyAssignedOn: null,
        });
      }
      const scheduledOn = addDays(tenancy.startedOn, this.rules.postArrivalMeetingDays);
      preparation.tenancyId = tenancyId;
      preparation.tenancyStartedOn = tenancy.startedOn;
      preparation.meetingDueOn = scheduledOn;
      const current = preparation;
      await this.preparations.save(manager, current, (version) => [
        newEvent(PostArrivalMeetingScheduled, {
          aggregateId: current.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: { ...preparationEventRef(current), tenancyId, tenancyStartedOn: tenancy.startedOn!, scheduledOn },
        }),
      ]);
      return 'scheduled' as const;
    });
  }
}
