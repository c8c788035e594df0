import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { withTimeout } from '../errors/transient-error';

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');
const SWEEP_METADATA = 'hearth:job-sweep';

/**
 * A provider that queues again every job its service's database says is pending (offers awaiting
 * an answer, runs queued, repair deadlines…), with the same deterministic job ids, so a job lost
 * with Redis, or never queued because Redis was down at commit, is queued once Redis is back.
 */
export interface JobSweep {
  /** Returns how many jobs it queued (or found already queued). */
  sweep(): Promise<number>;
}

/** Marks a JobSweep provider; `name` appears in the logs. */
export const Sweep = (name: string): ClassDecorator => SetMetadata(SWEEP_METADATA, name);

interface FoundSweep {
  name: string;
  instance: JobSweep;
}

/** Runs every @Sweep provider at start-up (without holding start-up up) and then periodically. */
@Injectable()
export class JobSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobSweeper');
  private sweeps: FoundSweep[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(JOBS_OPTIONS) private readonly options: { sweepIntervalMs: number },
  ) {}

  onApplicationBootstrap(): void {
    this.sweeps = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.isDependencyTreeStatic() && wrapper.instance && wrapper.metatype)
      .flatMap((wrapper) => {
        const name = Reflect.getMetadata(SWEEP_METADATA, wrapper.metatype as object) as string | undefined;
        return name ? [{ name, instance: wrapper.instance as JobSweep }] : [];
      });
    if (this.sweeps.length === 0) return;
    void this.sweepNow();
    this.timer = setInterval(() => void this.sweepNow(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  /** Runs every sweep once (a run already under way is joined, not doubled). */
  sweepNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.runAll().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Stops the sweeps and the BullMQ workers before the application closes its connections: an
   * active job finishes against a live database (bounded, so a Redis that died first cannot hold
   * the shutdown up; an unfinished job is handed out again later, and handlers are idempotent).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .flatMap((host) => {
        try {
          return [host.worker];
        } catch {
          return []; // never started
        }
      });
    await Promise.all([this.running, ...workers.map((worker) => withTimeout(worker.close(), 5_000, 'closing a job worker').catch(() => undefined))]);
  }

  private async runAll(): Promise<void> {
    for (const { name, instance } of this.sweeps) {
      if (this.stopped) return;
      try {
        const queued = await instance.sweep();
        if (queued > 0) this.logger.debug({ sweep: name, queued }, 'pending jobs queued again');
      } catch (error) {
        this.logger.warn({ err: error, sweep: name }, 'sweep failed; it runs again at the next interval');
      }
    }
  }
}
