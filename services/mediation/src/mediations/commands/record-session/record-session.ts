import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { MediationSessionHeld } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, int, text } from '@hearth/platform';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notInFuture } from '../../../complaints/commands/dates';
import { MediationRules } from '../../../config';
import { MediationTransitionError } from '../../../mediation.errors';
import { MediationVault, VaultContext } from '../../../vault';
import { MEDIATION_STEPS, MediationSession, SESSION_RESULTS } from '../../domain/mediation.entity';
import { mediationEventRef, MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class RecordSessionDto extends createZodDto(
  z
    .object({
      step: z.enum(MEDIATION_STEPS).describe('The step of the ladder this session is'),
      heldOn: date().optional().describe('The day it took place; today when left out'),
      attendees: int({ min: 0, max: 100 }),
      result: z.enum(SESSION_RESULTS),
      notes: text({ max: 8000, multiline: true }).optional().describe('Attendance and notes (kept encrypted, hidden from landlords)'),
    })
    .strict(),
) {}

export class RecordSessionCommand extends Command<MediationView> {
  constructor(
    readonly id: string,
    readonly input: RecordSessionDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Records a step of the escalation ladder (reminder of the house rules → phone call → visit by two
 * mediators → joint meeting at a neutral place → committee) with its date and result. A case may
 * skip steps or repeat one, never go back down; the committee's session needs its three members.
 */
@CommandHandler(RecordSessionCommand)
export class RecordSessionHandler implements ICommandHandler<RecordSessionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, input, actor }: RecordSessionCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.mediations.loadForChange(manager, id, actor, { committee: input.step === 'committee' });
      const { mediation } = loaded;
      if (mediation.status === 'closed') throw new MediationTransitionError(`Mediation ${id} is closed`);
      if (mediation.currentStep && MEDIATION_STEPS.indexOf(input.step) < MEDIATION_STEPS.indexOf(mediation.currentStep)) {
        throw new MediationTransitionError(`Mediation ${id} is at step ${mediation.currentStep}; the ladder does not go back to ${input.step}`);
      }
      if (input.step === 'committee' && loaded.committee.length !== 3) throw new MediationTransitionError('The committee of three must be appointed before it meets');
      const today = this.rules.today();
      const heldOn = input.heldOn ?? today;
      notInFuture('heldOn', heldOn, today);
      const sessionId = randomUUID();
      await manager.insert(MediationSession, {
        id: sessionId,
        mediationId: id,
        step: input.step,
        heldOn,
        attendees: input.attendees,
        result: input.result,
        notesEncrypted: this.vault.sealOptional(VaultContext.sessionNotes(sessionId), input.notes),
        recordedBy: actor.id,
      });
      mediation.currentStep = input.step;
      await this.mediations.save(manager, mediation, (version) => [
        newEvent(MediationSessionHeld, { aggregateId: id, aggregateVersion: version, actor, payload: { ...mediationEventRef(mediation), sessionId, step: input.step, heldOn, attendees: input.attendees } }),
      ]);
      return toMediationView(await this.mediations.load(manager, id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class RecordSessionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/sessions')
  @Roles(...STAFF_ROLES, 'mediator')
  @ApiConflictResponse({ description: 'MEDIATION.INVALID_TRANSITION' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordSessionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordSessionCommand(id, input, actor));
  }
}
