import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { PostArrivalMeetingHeld } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, int, text } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { notInFuture } from '../../../complaints/commands/dates';
import { MediationRules } from '../../../config';
import { PreparationTransitionError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault, VaultContext } from '../../../vault';
import { BuddyContact } from '../../domain/preparation.entity';
import { preparationEventRef, PreparationRepository } from '../../preparation.repository';
import { PreparationView, toPreparationView } from '../../preparation.view';

export class HoldPostArrivalMeetingDto extends createZodDto(
  z
    .object({
      heldOn: date().optional().describe('The day of the meeting; today when left out'),
      attendees: int({ min: 0, max: 100 }).describe('How many people attended'),
      notes: text({ max: 8000, multiline: true }).optional().describe('What was said and agreed (kept encrypted)'),
      buddy: z
        .object({ name: text({ max: 200 }), phone: text({ max: 40 }).nullable().optional() })
        .strict()
        .optional()
        .describe('A volunteer buddy (sponsor) assigned at the meeting (kept encrypted)'),
    })
    .strict(),
) {}

export class HoldPostArrivalMeetingCommand extends Command<PreparationView> {
  constructor(
    readonly id: string,
    readonly input: HoldPostArrivalMeetingDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Records the post-arrival meeting (and optionally the volunteer buddy assigned to the household). */
@CommandHandler(HoldPostArrivalMeetingCommand)
export class HoldPostArrivalMeetingHandler implements ICommandHandler<HoldPostArrivalMeetingCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ id, input, actor }: HoldPostArrivalMeetingCommand): Promise<PreparationView> {
    return this.unitOfWork.run(async (manager) => {
      const { preparation, tasks } = await this.preparations.loadForChange(manager, id, actor);
      if (!preparation.tenancyId || !preparation.meetingDueOn) throw new PreparationTransitionError(`The tenancy of preparation ${id} has not started: no post-arrival meeting is scheduled`);
      if (preparation.meetingHeldOn) throw new PreparationTransitionError(`The post-arrival meeting of preparation ${id} was already held`);
      const today = this.rules.today();
      const heldOn = input.heldOn ?? today;
      notInFuture('heldOn', heldOn, today);
      preparation.meetingHeldOn = heldOn;
      preparation.meetingAttendees = input.attendees;
      preparation.meetingNotesEncrypted = this.vault.sealOptional(VaultContext.meetingNotes(id), input.notes);
      if (input.buddy) {
        preparation.buddyEncrypted = this.vault.seal(VaultContext.buddy(id), { name: input.buddy.name, phone: input.buddy.phone ?? null });
        preparation.buddyAssignedOn = heldOn;
      }
      const tenancyId = preparation.tenancyId;
      await this.preparations.save(manager, preparation, (version) => [
        newEvent(PostArrivalMeetingHeld, { aggregateId: id, aggregateVersion: version, actor, payload: { ...preparationEventRef(preparation), tenancyId, heldOn, attendees: input.attendees } }),
      ]);
      await this.commandBus.execute(new RecomputeRiskCommand(tenancyId));
      const contacts = await manager.find(BuddyContact, { where: { preparationId: id } });
      return toPreparationView(preparation, tasks, contacts, this.rules, this.vault);
    });
  }
}

@ApiTags('preparations')
@ApiProblemResponses()
@Controller('preparations')
export class HoldPostArrivalMeetingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/post-arrival-meeting')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator')
  @ApiConflictResponse({ description: 'PREPARATION.INVALID_TRANSITION' })
  hold(@Param('id', ParseUUIDPipe) id: string, @Body() input: HoldPostArrivalMeetingDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new HoldPostArrivalMeetingCommand(id, input, actor));
  }
}
