import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RunNotFoundError, RunNotSolvedError } from './allocation-run.errors';
import { AllocationRun } from './domain/allocation-run.entity';
import { AllocationRunCensus } from './domain/allocation-run-census.entity';

@Injectable()
export class AllocationRunRepository {
  constructor(private readonly store: AggregateStore) {}

  async getForUpdate(manager: EntityManager, id: string): Promise<AllocationRun> {
    const run = await manager.findOne(AllocationRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!run) throw new RunNotFoundError(id);
    return run;
  }

  /** A solved run with its census; a run not solved yet has none (RUN.NOT_SOLVED). */
  async getWithCensus(manager: EntityManager, id: string): Promise<{ run: AllocationRun; census: AllocationRunCensus }> {
    const run = await manager.findOneBy(AllocationRun, { id });
    if (!run) throw new RunNotFoundError(id);
    const census = await manager.findOneBy(AllocationRunCensus, { runId: id });
    if (!census) throw new RunNotSolvedError(id, run.status);
    return { run, census };
  }

  save(manager: EntityManager, run: AllocationRun, events: (version: number) => NewEvent[] = () => []): Promise<AllocationRun> {
    return this.store.save(manager, AllocationRun, run, events);
  }

  /** Progress is not a change of the run: no new version, no event. */
  async reportProgress(manager: EntityManager, id: string, progress: number, phase: string): Promise<void> {
    await manager.query('UPDATE allocation_runs SET progress = $2, phase = $3 WHERE id = $1', [id, progress, phase]);
  }
}
