import { AllocationRunCompleted, SYSTEM_ACTOR } from '@hearth/contracts';
import { AllocationResult, Frontier } from '@hearth/matching-engine';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { createLogger } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { CandidatePool } from '../../../household-pool/candidate-pool';
import { todayUtc } from '../../../household-pool/waitlisted-household.entity';
import { MatchingSettings } from '../../../matching-settings';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { AllocationRun, UnitLeftOut } from '../../domain/allocation-run.entity';
import { AllocationRunCensus } from '../../domain/allocation-run-census.entity';
import { districtReport } from '../../domain/district-report';
import { RunFrontier } from '../../domain/run-frontier';
import { RunSnapshot, buildRunSnapshot } from '../../domain/run-snapshot';
import { toRunProposals } from '../../domain/run-proposal';
import { RunOffers } from '../../run-offers';
import { runUnits, unitsLeftOut } from '../../run-units';
import { solveOffTheEventLoop } from './solve-off-the-event-loop';

export class ExecuteRunCommand extends Command<void> {
  constructor(
    readonly runId: string,
    readonly onProgress: (percent: number) => Promise<void> = async () => undefined,
  ) {
    super();
  }
}

/** The job ran before the transaction that queued it committed; BullMQ retries it. */
export class RunNotVisibleYetError extends Error {
  constructor(runId: string) {
    super(`allocation run ${runId} is not visible yet`);
  }
}

const logger = createLogger('matching').child({ component: 'allocation-run' });

/**
 * Solves a queued run in three phases: load a consistent snapshot of the pool (one REPEATABLE READ
 * transaction), solve it with the engine (optimal runs also check their own certificate), and
 * store the census, the result and AllocationRunCompleted in one transaction — with the offers
 * when no approval is required. A run found already solved (a job delivered twice) is left alone;
 * one found running was interrupted and is solved again; one not found yet (the job ran before the
 * request's commit) is retried.
 */
@CommandHandler(ExecuteRunCommand)
export class ExecuteRunHandler implements ICommandHandler<ExecuteRunCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly runs: AllocationRunRepository,
    private readonly pool: CandidatePool,
    private readonly settings: MatchingSettings,
    private readonly runOffers: RunOffers,
  ) {}

  async execute({ runId, onProgress }: ExecuteRunCommand): Promise<void> {
    const run = await this.unitOfWork.run(async (manager) => {
      const found = await manager.findOne(AllocationRun, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new RunNotVisibleYetError(runId);
      if (found.status === 'queued') found.start();
      // BullMQ hands a job out again only when its worker lost the job's lock: it died mid-solve.
      else if (found.status === 'running') found.resume();
      else return null;
      found.progress = 5;
      found.phase = 'snapshot';
      return this.runs.save(manager, found);
    });
    if (!run) return;
    try {
      await this.solveAndStore(run, onProgress);
    } catch (error) {
      logger.error({ err: error, runId }, 'allocation run failed');
      await this.unitOfWork.run(async (manager) => {
        const failed = await this.runs.getForUpdate(manager, runId);
        failed.fail(error instanceof Error ? error.message : String(error), new Date());
        await this.runs.save(manager, failed);
      });
      throw error;
    }
  }

  private async solveAndStore(run: AllocationRun, onProgress: (percent: number) => Promise<void>): Promise<void> {
    const progress = async (percent: number, phase: string) => {
      await this.runs.reportProgress(this.dataSource.manager, run.id, percent, phase);
      await onProgress(percent);
    };
    const started = performance.now();
    const { snapshot, leftOut } = await this.loadSnapshot(run);
    const loaded = performance.now();
    await progress(35, 'solve');

    // Off the event loop: the solve, an optimal run's check of its own certificate (as any reader
    // of the census can) and, when asked, the frontier of what strict priority costs.
    if (run.frontierRequested && run.mode === 'optimal') await progress(50, 'solve and frontier');
    const solution = await solveOffTheEventLoop({ instance: snapshot.instance, mode: run.mode, frontier: run.frontierRequested && run.mode === 'optimal' });
    const { result, certificateValid } = solution;
    const frontier = solution.frontier ?? null;
    const solved = performance.now();
    await progress(70, 'store');

    await this.store(run.id, snapshot, result, certificateValid, leftOut, frontier);
    const stored = performance.now();
    const timings = {
      snapshotMs: round(loaded - started),
      solveMs: round(solution.solveMs),
      checkMs: round(solution.checkMs),
      storeMs: round(stored - solved),
      ...(frontier ? { frontierMs: round(solution.frontierMs) } : {}),
    };
    await this.dataSource.query('UPDATE allocation_runs SET timings = $2 WHERE id = $1', [run.id, JSON.stringify(timings)]);
    await onProgress(100);
  }

  private loadSnapshot(run: AllocationRun): Promise<{ snapshot: RunSnapshot; leftOut: UnitLeftOut[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const candidates = await this.pool.all(manager);
      const units = await runUnits(manager, run.unitIds);
      const leftOut = run.unitIds ? await unitsLeftOut(manager, run.unitIds) : [];
      return { snapshot: buildRunSnapshot(run.mode, run.policy, candidates, units, todayUtc()), leftOut };
    });
  }

  private store(
    runId: string,
    snapshot: RunSnapshot,
    result: AllocationResult,
    certificateValid: boolean | null,
    leftOut: UnitLeftOut[],
    frontier: { full: Frontier; summary: RunFrontier } | null,
  ): Promise<void> {
    const { instance, householdReferences, runDate } = snapshot;
    return this.unitOfWork.run(async (manager) => {
      const run = await this.runs.getForUpdate(manager, runId);
      await manager.insert(AllocationRunCensus, {
        runId,
        instance,
        householdReferences,
        result: { mode: result.mode, assignments: result.assignments, totalScore: result.totalScore, stats: result.stats },
        certificate: result.certificate ?? null,
        frontier: frontier?.full ?? null,
      });
      const report = districtReport(result.assignments, instance.units, run.districtLimit);
      run.runDate = runDate;
      run.unitsLeftOut = leftOut;
      run.unitCount = instance.units.length;
      run.householdCount = instance.applicants.length;
      run.eligiblePairs = result.stats.eligiblePairs;
      run.proposalCount = result.assignments.length;
      run.totalScore = result.totalScore;
      run.certificateValid = certificateValid;
      run.districtReport = report;
      run.frontier = frontier?.summary ?? null;
      run.proposals = toRunProposals(result.assignments, instance.units, householdReferences, report.flaggedUnitIds);
      const approvalRequired = this.settings.runApprovalRequired;
      if (!approvalRequired) await this.runOffers.propose(manager, run, new Set(), SYSTEM_ACTOR);
      run.complete(approvalRequired, new Date());
      await this.runs.save(manager, run, (version) => [
        newEvent(AllocationRunCompleted, {
          aggregateId: run.id,
          aggregateVersion: version,
          payload: {
            runId: run.id,
            mode: run.mode,
            units: instance.units.length,
            households: instance.applicants.length,
            proposals: result.assignments.length,
            totalScore: result.totalScore,
            engineVersion: run.engineVersion,
            certificateValid,
            approvalRequired,
          },
          actor: SYSTEM_ACTOR,
        }),
      ]);
    });
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
