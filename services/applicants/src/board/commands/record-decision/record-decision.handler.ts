import { Actor } from '@hearth/auth';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { HouseholdRepository } from '../../../households/household.repository';
import { AlreadyUrgentError, NotOnListError } from '../../board.errors';
import { BoardDecisionView, toBoardDecisionView } from '../../board-decision.view';
import { BoardStandingService } from '../../board-standing.service';
import { BoardDecision } from '../../domain/board-decision.entity';
import { RecordBoardDecisionDto } from './record-decision.dto';

export type RecordedDecision = BoardDecisionView & { priority: number | null };

export class RecordBoardDecisionCommand extends Command<RecordedDecision> {
  constructor(
    readonly reference: string,
    readonly input: RecordBoardDecisionDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

const DECIDABLE = ['assessed', 'waitlisted', 'offered', 'paused'];

/** Records a board decision (urgent status or a justified priority adjustment) with its member and time, and re-scores the household. */
@CommandHandler(RecordBoardDecisionCommand)
export class RecordBoardDecisionHandler implements ICommandHandler<RecordBoardDecisionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly standing: BoardStandingService,
  ) {}

  execute({ reference, input, actor }: RecordBoardDecisionCommand): Promise<RecordedDecision> {
    return this.unitOfWork.run(async (manager) => {
      const policy = await this.standing.lockPolicy(manager);
      const household = await this.households.getByReferenceForUpdate(manager, reference);
      assertExpectedVersion('Household', household, input.expectedVersion);
      if (!DECIDABLE.includes(household.status) || !household.currentAssessmentId) throw new NotOnListError(reference, household.status);
      if (input.kind === 'urgent' && household.urgent) throw new AlreadyUrgentError(reference);
      const decision = manager.create(BoardDecision, {
        id: randomUUID(),
        householdId: household.id,
        kind: input.kind,
        points: input.kind === 'priority_adjustment' ? input.points! : null,
        justification: input.justification,
        decidedBy: actor.id,
        decidedAt: new Date(),
        reversedAt: null,
        reversedBy: null,
        reversalJustification: null,
      });
      await manager.insert(BoardDecision, decision);
      await this.standing.apply(manager, household, actor, policy);
      return { ...toBoardDecisionView(decision, reference), priority: household.priority };
    });
  }
}
