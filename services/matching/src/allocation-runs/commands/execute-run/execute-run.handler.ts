import { AllocationRunCompleted, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { createLogger } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { MatchingSettings } from '../../../matching-settings';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { AllocationRun } from '../../domain/allocation-run.entity';
import { runDepartures } from '../../domain/run-departures';
import { RunOffers } from '../../run-offers';
import { insertCensus } from './insert-census';
import { SolvedRun, solveOffTheEventLoop } from './solve-off-the-event-loop';

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
 * Solves a queued run in two phases. A worker thread loads a consistent snapshot of the pool (one
 * REPEATABLE READ transaction on its own connection), solves it with the engine (optimal runs also
 * check their own certificate) and serialises the census; this thread then stores the census, the
 * result and AllocationRunCompleted in one transaction — with the offers when no approval is
 * required — so the service keeps answering throughout. A run found already solved (a job
 * delivered twice) is left alone; one found running was interrupted and is solved again; one not
 * found yet (the job ran before the request's commit) is retried.
 */
@CommandHandler(ExecuteRunCommand)
export class ExecuteRunHandler implements ICommandHandler<ExecuteRunCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly runs: AllocationRunRepository,
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
    // Best effort: progress is shown to people; failing to write it must not fail the run.
    const progress = async (percent: number, phase: string) => {
      try {
        await this.runs.reportProgress(this.dataSource.manager, run.id, percent, phase);
        await onProgress(percent);
      } catch (error) {
        logger.warn({ err: error, runId: run.id, phase }, 'allocation run progress not recorded');
      }
    };
    // DatabaseModule connects by URL; the worker thread opens its own connection with it.
    const { url: databaseUrl } = this.dataSource.options as PostgresConnectionOptions;
    if (!databaseUrl) throw new Error("the database has no URL for the run's worker thread to connect with");
    const solved = await solveOffTheEventLoop(
      {
        databaseUrl,
        mode: run.mode,
        policy: run.policy,
        unitIds: run.unitIds,
        districtLimit: run.districtLimit,
        frontier: run.frontierRequested,
      },
      progress,
    );
    await progress(70, 'store');

    const storing = performance.now();
    await this.store(run.id, solved);
    const timings = {
      snapshotMs: round(solved.snapshotMs),
      solveMs: round(solved.solveMs),
      checkMs: round(solved.checkMs),
      storeMs: round(performance.now() - storing),
      ...(solved.frontierMs !== null ? { frontierMs: round(solved.frontierMs) } : {}),
    };
    await this.dataSource.query('UPDATE allocation_runs SET timings = $2 WHERE id = $1', [run.id, JSON.stringify(timings)]);
    await onProgress(100);
  }

  /** One short transaction: the census (as the worker serialised it), the result, the event and, without approval, the offers. */
  private store(runId: string, solved: SolvedRun): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const run = await this.runs.getForUpdate(manager, runId);
      await insertCensus(manager, runId, solved.census);
      run.runDate = solved.runDate;
      run.unitsLeftOut = solved.unitsLeftOut;
      run.unitCount = solved.unitCount;
      run.householdCount = solved.householdCount;
      run.eligiblePairs = solved.eligiblePairs;
      run.proposalCount = solved.proposals.length;
      run.totalScore = solved.totalScore;
      run.certificateValid = solved.certificateValid;
      run.districtReport = solved.districtReport;
      run.frontier = solved.frontier;
      run.proposals = solved.proposals;
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
            units: solved.unitCount,
            households: solved.householdCount,
            proposals: solved.proposals.length,
            totalScore: solved.totalScore,
            engineVersion: run.engineVersion,
            certificateValid: solved.certificateValid,
            approvalRequired,
            caps: { perBuilding: run.policy.maxPerBuilding, perDistrict: run.policy.maxPerDistrict ?? null },
            departures: approvalRequired ? [] : runDepartures(run),
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
