import { freePort, KafkaTestBroker, PrivatePostgres, PrivateRedis, readTopic, ServiceKey, ServiceProcess, SERVICES, testEnv } from '@hearth/testing';
import { dlqTopic } from '@hearth/contracts';
import { randomBytes, randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Load, LoadStats } from './load';
import { consumerLag, highestSeqs, pendingDeadlines, Reconciliation, reconcile, ServiceDatabase } from './reconcile';

export type FaultKind = 'kill' | 'postgres' | 'redis' | 'broker';

export interface FaultRecord {
  kind: FaultKind;
  target: string;
  startedAt: number;
  endedAt: number;
  /** From the end of the fault until every consumer had applied every event committed before that end. */
  recoveryMs: number | null;
  unavailable: number;
}

export interface ChaosOptions {
  minutes: number;
  /** Faults injected in this order, spread over the run (repeated while time remains when `repeat`). */
  faults: FaultKind[];
  repeat: boolean;
  log: (line: string) => void;
}

export interface ChaosReport {
  faults: FaultRecord[];
  load: LoadStats;
  reconciliation: Reconciliation;
  /** 5xx answers other than a 503 during an outage (a 503 outside every fault window counts too). */
  unexpected5xx: number;
  dlqMessages: number;
  logDirectory: string;
  durationMs: number;
}

/** After a fault ends, 503s may still come for this long (a pool reconnecting, a restarted service warming up). */
const AFTER_FAULT_GRACE_MS = 20_000;

/**
 * The chaos run: every service as its own process against its own PostgreSQL cluster, Redis and
 * Kafka test broker (so stopping them disturbs nothing else), a steady load of real use cases,
 * faults injected on a schedule, then a reconciliation of every outbox with every inbox, every read
 * model with its source, the dead letters and what is overdue.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log;
  const logDirectory = join(tmpdir(), `hearth-chaos-${randomBytes(3).toString('hex')}`);
  log(`infrastructure: starting a private PostgreSQL, Redis and Kafka test broker (logs in ${logDirectory})`);
  const [postgres, redis, broker] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start(), KafkaTestBroker.start()]);
  const previousBrokers = process.env.KAFKA_BROKERS;
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  const services = new Map<ServiceKey, ServiceProcess>();
  const databases: ServiceDatabase[] = [];
  let load: Load | undefined;
  try {
    for (const name of Object.keys(SERVICES) as ServiceKey[]) {
      const env = testEnv(name, {
        PORT: String(await freePort()),
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        KAFKA_BROKERS: broker.brokers.join(','),
        LOG_LEVEL: 'info',
        BANK_ACCOUNT_KEY: randomBytes(32).toString('base64'),
        APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'),
        MEDIATION_DATA_KEY: randomBytes(32).toString('base64'),
        JOB_SWEEP_INTERVAL_MS: '2000',
        OFFER_RESPONSE_MS: '15000',
        REPAIR_DEADLINE_MODERATE_MS: '20000',
        GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
      });
      services.set(name, new ServiceProcess(name, env, logDirectory));
      databases.push({ service: name, url: `${postgres.url}/${env.DATABASE_NAME}` });
    }
    log(`services: starting ${[...services.keys()].join(', ')}`);
    await Promise.all([...services.values()].map((service) => service.start(180_000)));

    const url = (name: ServiceKey) => () => services.get(name)!.url;
    load = new Load({ landlords: url('landlords'), units: url('units'), inspections: url('inspections'), applicants: url('applicants'), matching: url('matching') });
    load.start();
    log('load: running (owners and flats listed and inspected, households waitlisted, offers made and answered)');

    const faults: FaultRecord[] = [];
    const deadline = started + options.minutes * 60_000;
    await sleep(10_000); // warm up: some of everything before the first fault
    // One fault at a time, each followed by the time every consumer needs to catch up (measured),
    // then a short pause; the plan is repeated while time remains when `repeat` is set.
    for (let round = 0; round === 0 || (options.repeat && Date.now() + 90_000 < deadline); round++) {
      for (const kind of options.faults) {
        const fault = await inject(kind, { postgres, redis, broker, services }, log);
        faults.push(fault);
        const seqs = await retrying(() => highestSeqs(databases));
        fault.recoveryMs = await timeUntil(async () => (await consumerLag(databases, seqs)) === 0, 180_000, fault.endedAt);
        log(`  recovered: every consumer caught up ${fault.recoveryMs === null ? 'NOT within 180 s' : `${(fault.recoveryMs / 1000).toFixed(1)} s after the fault ended`}`);
        await sleep(5_000);
      }
    }
    await sleep(Math.max(0, deadline - Date.now()));
    log('load: stopping; waiting for quiet');
    await load.stop();
    // Quiet: no deadline about to publish (offers lapsing, repair deadlines), every outbox relayed
    // and every consumer caught up; then one more sweep interval.
    const quiet = async () => (await pendingDeadlines(databases)) === 0 && (await consumerLag(databases)) === 0;
    if ((await timeUntil(quiet, 180_000)) === null) log('quiet: NOT reached within 180 s (deadlines pending or consumers behind)');
    await sleep(5_000);

    let reconciliation = await reconcile(databases, 15_000);
    if (reconciliation.lost > 0) {
      // An event published while the outboxes were being read may not be applied yet: it is lost
      // only if it is still missing once every consumer has caught up again.
      log(`reconcile: ${reconciliation.lost} events not applied yet; checking again once every consumer has caught up`);
      await timeUntil(async () => (await consumerLag(databases)) === 0, 120_000);
      reconciliation = await reconcile(databases, 15_000);
    }
    let dlqMessages = 0;
    for (const name of services.keys()) dlqMessages += (await readTopic(dlqTopic(name), broker.brokers.join(',')).catch(() => [])).length;
    // Each 503 belongs to the latest fault that started before it.
    for (const answer of load.stats.unavailable) {
      const fault = [...faults].reverse().find((candidate) => answer.at >= candidate.startedAt);
      if (fault && answer.at <= fault.endedAt + AFTER_FAULT_GRACE_MS) fault.unavailable += 1;
    }
    const outsideOutages = load.stats.unavailable.filter(
      (answer) => !faults.some((fault) => answer.at >= fault.startedAt && answer.at <= fault.endedAt + AFTER_FAULT_GRACE_MS),
    );
    return {
      faults,
      load: load.stats,
      reconciliation,
      unexpected5xx: load.stats.serverErrors.length + outsideOutages.length,
      dlqMessages,
      logDirectory,
      durationMs: Date.now() - started,
    };
  } finally {
    await load?.stop().catch(() => undefined);
    await Promise.all([...services.values()].map((service) => service.stop(8_000).catch(() => undefined)));
    await broker.stop();
    await redis.stop();
    postgres.destroy();
    if (previousBrokers === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = previousBrokers;
  }
}

interface Infrastructure {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  broker: KafkaTestBroker;
  services: Map<ServiceKey, ServiceProcess>;
}

async function inject(kind: FaultKind, infra: Infrastructure, log: (line: string) => void): Promise<FaultRecord> {
  const startedAt = Date.now();
  const record = (target: string): FaultRecord => ({ kind, target, startedAt, endedAt: Date.now(), recoveryMs: null, unavailable: 0 });
  switch (kind) {
    case 'kill': {
      const names = [...infra.services.keys()];
      const name = names[randomInt(names.length)];
      log(`fault: SIGKILL ${name}, then restart it`);
      const service = infra.services.get(name)!;
      await service.kill();
      await sleep(2_000);
      await service.start(180_000);
      return record(name);
    }
    case 'postgres': {
      const seconds = 10 + randomInt(11);
      log(`fault: PostgreSQL stopped for ${seconds} s`);
      infra.postgres.stop();
      await sleep(seconds * 1000);
      infra.postgres.resume();
      return record('postgresql');
    }
    case 'redis': {
      const seconds = 10 + randomInt(11);
      log(`fault: Redis stopped for ${seconds} s (it comes back empty)`);
      await infra.redis.stop();
      await sleep(seconds * 1000);
      await infra.redis.resume();
      return record('redis');
    }
    case 'broker': {
      log('fault: Kafka broker frozen for 15 s');
      infra.broker.freeze();
      await sleep(15_000);
      infra.broker.thaw();
      return record('kafka');
    }
  }
}

/** Milliseconds from `from` until `condition` holds (polled every 500 ms), or null after `timeoutMs`. */
async function timeUntil(condition: () => Promise<boolean>, timeoutMs: number, from = Date.now()): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return Date.now() - from;
    await sleep(500);
  }
  return null;
}

async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(500);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The table per fault and the one-line verdict. */
export function formatReport(report: ChaosReport): string[] {
  const lines: string[] = [];
  const { reconciliation: r, load } = report;
  lines.push('', '| fault | target | at (s) | lasted (s) | 503 answers | recovery (s) |', '| --- | --- | --- | --- | --- | --- |');
  const origin = report.faults[0]?.startedAt ?? 0;
  for (const fault of report.faults) {
    lines.push(
      `| ${fault.kind} | ${fault.target} | ${((fault.startedAt - origin) / 1000).toFixed(0)} | ${((fault.endedAt - fault.startedAt) / 1000).toFixed(1)} | ${fault.unavailable} | ${fault.recoveryMs === null ? 'not recovered' : (fault.recoveryMs / 1000).toFixed(1)} |`,
    );
  }
  lines.push('');
  lines.push(`requests: ${load.requests} (${load.unavailable.length} answered 503, ${load.unreachable} unreachable while a service was down)`);
  lines.push(`stories: ${Object.entries(load.stories).map(([name, tally]) => `${name} ${tally.done} done, ${tally.gaveUp} gave up`).join('; ')}`);
  for (const [reason, count] of Object.entries(load.gaveUpBecause)) lines.push(`  gave up ${count}×: ${reason}`);
  for (const error of load.serverErrors.slice(0, 10)) lines.push(`unexpected ${error.status}: ${error.method} ${error.service}${error.path} ${error.code ?? ''}`);
  lines.push(`unpublished outbox rows left: ${r.unpublished}; held events: ${r.held}; DLQ topic messages: ${report.dlqMessages}`);
  lines.push(`read models against their sources: ${r.readModelMismatches.length === 0 ? 'equal' : `${r.readModelMismatches.length} differences`}`);
  for (const mismatch of r.readModelMismatches.slice(0, 10)) lines.push(`  ${mismatch}`);
  for (const detail of r.appliedTwiceDetails.slice(0, 10)) lines.push(`applied twice: ${detail}`);
  for (const detail of r.lostDetails.slice(0, 10)) lines.push(`lost: ${detail}`);
  lines.push(`overdue: ${r.overdue.length === 0 ? 'nothing' : r.overdue.length}`);
  for (const item of r.overdue.slice(0, 10)) lines.push(`  ${item}`);
  lines.push(`logs: ${report.logDirectory}`);
  lines.push(
    `chaos: ${r.events} events, ${r.lost} lost, ${r.appliedTwice} applied twice, ${r.deadLettered + report.dlqMessages} dead-lettered, ${report.unexpected5xx} unexpected 5xx, ${report.faults.length} faults injected`,
  );
  return lines;
}

export function passed(report: ChaosReport): boolean {
  const r = report.reconciliation;
  return (
    r.lost === 0 &&
    r.appliedTwice === 0 &&
    r.deadLettered === 0 &&
    report.dlqMessages === 0 &&
    report.unexpected5xx === 0 &&
    r.readModelMismatches.length === 0 &&
    r.overdue.length === 0 &&
    r.unpublished === 0 &&
    r.held === 0
  );
}
