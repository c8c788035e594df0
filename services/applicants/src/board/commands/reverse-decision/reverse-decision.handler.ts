import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Household } from '../../../households/domain/household.entity';
import { HouseholdClosedError } from '../../../households/household.errors';
import { AlreadyReversedError, BoardDecisionNotFoundError } from '../../board.errors';
import { toBoardDecisionView } from '../../board-decision.view';
import { BoardStandingService } from '../../board-standing.service';
import { BoardDecision } from '../../domain/board-decision.entity';
import { RecordedDecision } from '../record-decision/record-decision.handler';

export class ReverseBoardDecisionCommand extends Command<RecordedDecision> {
  constructor(
    readonly decisionId: string,
    readonly justification: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Reverses a board decision: kept, marked reversed with member, time and justification; the household is re-scored. */
@CommandHandler(ReverseBoardDecisionCommand)
export class ReverseBoardDecisionHandler implements ICommandHandler<ReverseBoardDecisionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly standing: BoardStandingService,
  ) {}

  execute({ decisionId, justification, actor }: ReverseBoardDecisionCommand): Promise<RecordedDecision> {
    return this.unitOfWork.run(async (manager) => {
      const found = await manager.findOneBy(BoardDecision, { id: decisionId });
      if (!found) throw new BoardDecisionNotFoundError(decisionId);
      // The policy lock, the household, then the decision: the same order as recording one.
      const policy = await this.standing.lockPolicy(manager);
      const household = await manager.findOneOrFail(Household, { where: { id: found.householdId }, lock: { mode: 'pessimistic_write' } });
      const decision = await manager.findOneOrFail(BoardDecision, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!decision.isActive) throw new AlreadyReversedError(decisionId);
      if (household.isClosed) throw new HouseholdClosedError(household.status);
      decision.reversedAt = new Date();
      decision.reversedBy = actor.id;
      decision.reversalJustification = justification;
      await manager.save(decision);
      await this.standing.apply(manager, household, actor, policy);
      return { ...toBoardDecisionView(decision, household.reference), priority: household.priority };
    });
  }
}
