import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { MediationClosed } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { notInFuture } from '../../../complaints/commands/dates';
import { MediationRules } from '../../../config';
import { MediationTransitionError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault } from '../../../vault';
import { EXCLUSIONS, MEDIATION_OUTCOMES } from '../../domain/mediation.entity';
import { mediationEventRef, MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class CloseMediationDto extends createZodDto(
  z
    .object({
      outcome: z.enum(MEDIATION_OUTCOMES),
      exclusion: z.enum(EXCLUSIONS).optional().describe('Why the case was excluded from mediation, e.g. an ongoing court case'),
      closedOn: date().optional().describe('Today when left out'),
    })
    .strict(),
) {}

export class CloseMediationCommand extends Command<MediationView> {
  constructor(
    readonly id: string,
    readonly input: CloseMediationDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Closes the case with an outcome from the fixed list; an agreement must have been followed up first. */
@CommandHandler(CloseMediationCommand)
export class CloseMediationHandler implements ICommandHandler<CloseMediationCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ id, input, actor }: CloseMediationCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.mediations.loadForChange(manager, id, actor);
      const { mediation } = loaded;
      if (mediation.status === 'closed') throw new MediationTransitionError(`Mediation ${id} is already closed`);
      if (loaded.agreement && !loaded.agreement.followedUpOn && input.outcome !== 'withdrawn' && !input.exclusion) {
        throw new MediationTransitionError(`The agreement of mediation ${id} is to be followed up (on ${loaded.agreement.followUpOn}) before the case closes`);
      }
      const today = this.rules.today();
      const closedOn = input.closedOn ?? today;
      notInFuture('closedOn', closedOn, today);
      mediation.status = 'closed';
      mediation.outcome = input.outcome;
      mediation.exclusion = input.exclusion ?? null;
      mediation.closedOn = closedOn;
      await this.mediations.save(manager, mediation, (version) => [
        newEvent(MediationClosed, { aggregateId: id, aggregateVersion: version, actor, payload: { ...mediationEventRef(mediation), outcome: input.outcome, exclusion: mediation.exclusion, closedOn } }),
      ]);
      if (mediation.tenancyId) await this.commandBus.execute(new RecomputeRiskCommand(mediation.tenancyId));
      return toMediationView(await this.mediations.load(manager, id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class CloseMediationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator')
  @ApiConflictResponse({ description: 'MEDIATION.INVALID_TRANSITION' })
  close(@Param('id', ParseUUIDPipe) id: string, @Body() input: CloseMediationDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new CloseMediationCommand(id, input, actor));
  }
}
