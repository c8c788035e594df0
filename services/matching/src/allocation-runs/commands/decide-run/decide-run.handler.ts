import { Actor } from '@hearth/auth';
import { AllocationRunApproved, AllocationRunRejected } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { RunView, toRunView } from '../../allocation-run.view';
import { AllocationRun } from '../../domain/allocation-run.entity';
import { AllocationRunCensus } from '../../domain/allocation-run-census.entity';
import { districtReport } from '../../domain/district-report';
import { runDepartures } from '../../domain/run-departures';
import { toRunProposals } from '../../domain/run-proposal';
import { RunOffers } from '../../run-offers';

export type RunDecision = { kind: 'approve'; exclude: string[]; point: number | null } | { kind: 'reject' };

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
      if (decision.point !== null) await this.takePoint(manager, run, decision.point);
      const proposed = new Set(run.proposals.map((proposal) => proposal.unitId));
      const unknown = decision.exclude.filter((unitId) => !proposed.has(unitId));
      if (unknown.length > 0) {
        throw new ValidationError([{ field: 'exclude', message: `names units this run proposes nothing for: ${unknown.join(', ')}` }]);
      }
      const counts = await this.runOffers.propose(manager, run, new Set(decision.exclude), actor);
      await this.runs.save(manager, run, (version) => [
        newEvent(AllocationRunApproved, {
          aggregateId: run.id,
          aggregateVersion: version,
          payload: { runId: run.id, mode: run.mode, ...counts, approvedPoint: run.approvedPoint, noteRecorded: note !== null && note.trim() !== '', departures: runDepartures(run) },
          actor,
        }),
      ]);
      return toRunView(run);
    });
  }

  /** The board chose a point of the frontier: its allocation, from the census, becomes the run's proposals. */
  private async takePoint(manager: EntityManager, run: AllocationRun, point: number): Promise<void> {
    const points = run.frontier?.points.length ?? 0;
    if (points === 0) throw new ValidationError([{ field: 'point', message: 'this run has no frontier (start it with frontier: true)' }]);
    if (point > points) throw new ValidationError([{ field: 'point', message: `this run's frontier has ${points} point(s)` }]);
    const census = await manager.findOneByOrFail(AllocationRunCensus, { runId: run.id });
    const { assignments } = census.frontier!.points[point - 1];
    const report = districtReport(assignments, census.instance.units, run.districtLimit);
    run.proposals = toRunProposals(assignments, census.instance, census.householdReferences, report.flaggedUnitIds);
    run.proposalCount = run.proposals.length;
    run.districtReport = report;
    run.approvedPoint = point;
  }
}
