import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { CommitteeDecisionRecorded } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, text } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { notInFuture } from '../../../complaints/commands/dates';
import { MediationRules } from '../../../config';
import { MediationTransitionError } from '../../../mediation.errors';
import { MediationVault, VaultContext } from '../../../vault';
import { COMMITTEE_DECISIONS } from '../../domain/mediation.entity';
import { mediationEventRef, MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class RecordCommitteeDecisionDto extends createZodDto(
  z
    .object({
      decision: z.enum(COMMITTEE_DECISIONS),
      decidedOn: date().optional().describe('The day of the decision; today when left out'),
      reasons: text({ max: 8000, multiline: true }).describe('Why (kept encrypted, hidden from landlords)'),
    })
    .strict(),
) {}

export class RecordCommitteeDecisionCommand extends Command<MediationView> {
  constructor(
    readonly id: string,
    readonly input: RecordCommitteeDecisionDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The committee of three decides, once it has met (a committee session recorded). */
@CommandHandler(RecordCommitteeDecisionCommand)
export class RecordCommitteeDecisionHandler implements ICommandHandler<RecordCommitteeDecisionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, input, actor }: RecordCommitteeDecisionCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.mediations.loadForChange(manager, id, actor, { committee: true });
      const { mediation } = loaded;
      if (mediation.status === 'closed') throw new MediationTransitionError(`Mediation ${id} is closed`);
      if (mediation.committeeDecision) throw new MediationTransitionError(`The committee of mediation ${id} has already decided`);
      if (!loaded.sessions.some((session) => session.step === 'committee')) throw new MediationTransitionError('The committee decides after it has met (record its session first)');
      const today = this.rules.today();
      const decidedOn = input.decidedOn ?? today;
      notInFuture('decidedOn', decidedOn, today);
      mediation.committeeDecision = input.decision;
      mediation.committeeDecidedOn = decidedOn;
      mediation.committeeReasonsEncrypted = this.vault.seal(VaultContext.committeeReasons(id), input.reasons);
      await this.mediations.save(manager, mediation, (version) => [
        newEvent(CommitteeDecisionRecorded, {
          aggregateId: id,
          aggregateVersion: version,
          actor,
          payload: { ...mediationEventRef(mediation), decision: input.decision, members: loaded.committee.length, decidedOn },
        }),
      ]);
      return toMediationView(await this.mediations.load(manager, id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class RecordCommitteeDecisionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/committee/decision')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator')
  @ApiConflictResponse({ description: 'MEDIATION.INVALID_TRANSITION' })
  decide(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordCommitteeDecisionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordCommitteeDecisionCommand(id, input, actor));
  }
}
