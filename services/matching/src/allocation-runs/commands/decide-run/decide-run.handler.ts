import { Actor } from '@hearth/auth';
import { AllocationRunApproved, AllocationRunRejected } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { RunView, toRunView } from '../../allocation-run.view';
import { RunOffers } from '../../run-offers';

export type RunDecision = { kind: 'approve'; exclude: string[] } | { kind: 'reject' };

export class DecideRunCommand extends Command<RunView> {
  constructor(
    readonly runId: string,
    readonly decision: RunDecision,
    readonly note: string | null,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** A board member approves a run's proposals (each one not excluded becomes a proposed offer) or rejects them all. */
@CommandHandler(DecideRunCommand)
export class DecideRunHandler implements ICommandHandler<DecideRunCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: AllocationRunRepository,
    private readonly runOffers: RunOffers,
  ) {}

  execute({ runId, decision, note, actor, expectedVersion }: DecideRunCommand): Promise<RunView> {
    return this.unitOfWork.run(async (manager) => {
      const run = await this.runs.getForUpdate(manager, runId);
      assertExpectedVersion('AllocationRun', run, expectedVersion);
      run.decide(decision.kind, actor, note, new Date());
      if (decision.kind === 'reject') {
        await this.runs.save(manager, run, (version) => [
          newEvent(AllocationRunRejected, { aggregateId: run.id, aggregateVersion: version, payload: { runId: run.id, mode: run.mode }, actor }),
        ]);
        return toRunView(run);
      }
      const proposed = new Set(run.proposals.map((proposal) => proposal.unitId));
      const unknown = decision.exclude.filter((unitId) => !proposed.has(unitId));
      if (unknown.length > 0) {
        throw new ValidationError([{ field: 'exclude', message: `names units this run proposes nothing for: ${unknown.join(', ')}` }]);
      }
      const counts = await this.runOffers.propose(manager, run, new Set(decision.exclude), actor);
      await this.runs.save(manager, run, (version) => [
        newEvent(AllocationRunApproved, { aggregateId: run.id, aggregateVersion: version, payload: { runId: run.id, mode: run.mode, ...counts }, actor }),
      ]);
      return toRunView(run);
    });
  }
}
