import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { NeighbourContactLogged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, text } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { NeighbourNotFoundError, PreparationTransitionError, TaskNotFoundError } from '../../../mediation.errors';
import { Neighbour } from '../../../neighbours/domain/neighbour.entity';
import { MediationVault, VaultContext } from '../../../vault';
import { notInFuture } from '../../../complaints/commands/dates';
import { BuddyContact, PreparationTask } from '../../domain/preparation.entity';
import { preparationEventRef, PreparationRepository } from '../../preparation.repository';
import { PreparationView, toPreparationView } from '../../preparation.view';

export class RecordTaskResultDto extends createZodDto(
  z
    .object({
      result: text({ max: 4000, multiline: true }).describe('What came of the contact (kept encrypted)'),
      doneOn: date().optional().describe('The day of the contact; today when left out'),
      neighbourId: z.uuid().optional().describe('The neighbour record contacted, if any'),
    })
    .strict(),
) {}

export class RecordTaskResultCommand extends Command<PreparationView> {
  constructor(
    readonly id: string,
    readonly taskId: string,
    readonly input: RecordTaskResultDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A preparation task done: its result (encrypted) and the contact logged; the preparation completes with its last task. */
@CommandHandler(RecordTaskResultCommand)
export class RecordTaskResultHandler implements ICommandHandler<RecordTaskResultCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, taskId, input, actor }: RecordTaskResultCommand): Promise<PreparationView> {
    return this.unitOfWork.run(async (manager) => {
      const { preparation, tasks } = await this.preparations.loadForChange(manager, id, actor);
      const task = tasks.find((candidate) => candidate.id === taskId);
      if (!task) throw new TaskNotFoundError(taskId);
      if (preparation.status === 'cancelled') throw new PreparationTransitionError(`Preparation ${id} was cancelled`);
      if (task.doneOn) throw new PreparationTransitionError(`Task ${taskId} is already done`);
      const today = this.rules.today();
      const doneOn = input.doneOn ?? today;
      notInFuture('doneOn', doneOn, today);
      if (input.neighbourId && !(await manager.findOneBy(Neighbour, { id: input.neighbourId }))) throw new NeighbourNotFoundError(input.neighbourId);
      task.doneOn = doneOn;
      task.resultEncrypted = this.vault.seal(VaultContext.taskResult(taskId), input.result);
      task.neighbourId = input.neighbourId ?? null;
      await manager.save(PreparationTask, task);
      if (tasks.every((candidate) => candidate.doneOn) && preparation.status === 'open') preparation.status = 'completed';
      await this.preparations.save(manager, preparation, (version) => [
        newEvent(NeighbourContactLogged, {
          aggregateId: id,
          aggregateVersion: version,
          actor,
          payload: { ...preparationEventRef(preparation), kind: 'preparation_task', taskKind: task.kind, contactedOn: doneOn },
        }),
      ]);
      const contacts = await manager.find(BuddyContact, { where: { preparationId: id } });
      return toPreparationView(preparation, tasks, contacts, this.rules, this.vault);
    });
  }
}

@ApiTags('preparations')
@ApiProblemResponses()
@Controller('preparations')
export class RecordTaskResultController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/tasks/:taskId/result')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator')
  @ApiConflictResponse({ description: 'PREPARATION.INVALID_TRANSITION' })
  record(@Param('id', ParseUUIDPipe) id: string, @Param('taskId', ParseUUIDPipe) taskId: string, @Body() input: RecordTaskResultDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordTaskResultCommand(id, taskId, input, actor));
  }
}
