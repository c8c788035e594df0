/** What one benchmark child process measures; each case runs in a fresh process for clean memory figures. */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocate } from '../src/allocate';
import { verifyCertificate } from '../src/certificate';
import { compileInstance } from '../src/compiled-instance';
import { shortlist } from '../src/shortlist';
import { StandingAllocation, StandingChange } from '../src/standing-allocation';
import { AllocationMode, Applicant, Unit } from '../src/types';
import { solveWithHighs } from '../src/testing/highs-reference';
import { generateInstance, seededRandom } from '../src/testing/instance-generator';

export interface Size {
  readonly applicants: number;
  readonly units: number;
  readonly maxPerBuilding: number | null;
  readonly seed: number;
  /** Cap of every district; none when left out. */
  readonly maxPerDistrict?: number;
}

export type BenchCase =
  | { readonly kind: 'engine'; readonly size: Size; readonly mode: AllocationMode; readonly warmRuns: number; readonly verify: boolean }
  | { readonly kind: 'greedy'; readonly size: Size }
  | { readonly kind: 'highs'; readonly size: Size; readonly timeLimitSeconds: number }
  | { readonly kind: 'shortlist'; readonly size: Size; readonly calls: number; readonly k: number }
  | { readonly kind: 'cli'; readonly runs: number; readonly city: Size }
  | { readonly kind: 'incremental'; readonly size: Size; readonly changes: number };

export interface EngineMeasure {
  readonly eligiblePairs: number;
  readonly coldMs: number;
  /** The engine's own stats.ms of the first run: solve only (compile included), as the CLI prints it. */
  readonly statsMs: number;
  readonly warmMs?: number;
  readonly totalScore: number;
  readonly assigned: number;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly verifyMs?: number;
  readonly certificateValid?: boolean;
}

export interface GreedyMeasure {
  readonly totalScore: number;
  readonly ms: number;
}

export interface HighsMeasure {
  readonly status: string;
  readonly objective: number;
  readonly columns: number;
  readonly buildMs: number;
  readonly solveMs: number;
  readonly peakRssMb: number;
}

export interface CliMeasure {
  /** Whole process, `npm run -s match` on the worked example (median of the runs). */
  readonly npmMs: number;
  /** Whole process, node running the compiled CLI (what npm runs), without npm. */
  readonly compiledMs: number;
  /** Whole process, node with the TypeScript loader on the sources (how the CLI used to run). */
  readonly tsLoaderMs: number;
  /** One `npm run -s match` in priority mode on a city-sized file: the whole process and the engine's own stats.ms. */
  readonly city: { readonly megabytes: number; readonly wholeMs: number; readonly solveMs: number };
}

export interface ShortlistMeasure {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface IncrementalMeasure {
  /** Building the standing allocation: the engine's optimum plus the potentials. */
  readonly solveMs: number;
  readonly changes: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** p99 per kind of change. */
  readonly p99ByKind: Record<string, number>;
  /** Mean searches per change. */
  readonly searchesPerChange: number;
  /** Writing out the whole result (assignments and certificate records), median of a few. */
  readonly resultMs: number;
  /** After all changes: the incremental total, a full re-solve's total, and the certificate check. */
  readonly totalScore: number;
  readonly resolvedTotal: number;
  readonly certificateValid: boolean;
  readonly peakRssMb: number;
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

export async function runCase(benchCase: BenchCase): Promise<unknown> {
  if (benchCase.kind === 'cli') return measureCli(benchCase.runs, benchCase.city);
  const instance = generateInstance(benchCase.size);
  switch (benchCase.kind) {
    case 'engine':
      return measureEngine(benchCase, instance);
    case 'greedy':
      return measureGreedy(instance);
    case 'highs': {
      const outcome = await solveWithHighs(instance, compileInstance(instance), benchCase.timeLimitSeconds);
      return { ...outcome, peakRssMb: peakRssMb() } satisfies HighsMeasure;
    }
    case 'shortlist':
      return measureShortlist(benchCase, instance);
    case 'incremental':
      return measureIncremental(benchCase, instance);
  }
}

/** Changes applied, untimed, before the timed ones. */
export const WARM_UP_CHANGES = 100;

/**
 * A standing allocation of the instance, then random single changes, in equal shares: a flat
 * becomes available (in an existing building), a flat leaves, a household joins, a household
 * leaves, a household declines the flat it holds. Each change is timed alone (apply: repair
 * included, the certificate's values current); writing the whole result out is timed apart.
 */
function measureIncremental(
  { size, changes }: Extract<BenchCase, { kind: 'incremental' }>,
  instance: ReturnType<typeof generateInstance>,
): IncrementalMeasure {
  const random = seededRandom(size.seed + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Newcomers: households and flats drawn from the same distribution (another seed).
  const pool = generateInstance({ ...size, applicants: changes + WARM_UP_CHANGES, units: changes + WARM_UP_CHANGES, seed: size.seed + 2 });
  const started = performance.now();
  const standing = StandingAllocation.solve(instance);
  const solveMs = performance.now() - started;

  const applicantIds = instance.applicants.map((a) => a.id);
  const unitIds = instance.units.map((u) => u.id);
  const removeAt = (ids: string[], i: number): string => {
    const id = ids[i];
    ids[i] = ids[ids.length - 1];
    ids.pop();
    return id;
  };
  const kinds: StandingChange['kind'][] = ['unitAdded', 'unitRemoved', 'applicantAdded', 'applicantRemoved', 'pairExcluded'];
  const times: number[] = [];
  const byKind = new Map<string, number[]>(kinds.map((k) => [k, []]));
  let searches = 0;
  // The first WARM_UP_CHANGES changes are not timed (the JIT compiles the searches meanwhile), as a
  // running service is warm; the next `changes` are.
  for (let i = 0; i < WARM_UP_CHANGES + changes; i++) {
    const kind = kinds[i % kinds.length];
    let change: StandingChange;
    if (kind === 'applicantAdded') {
      const applicant: Applicant = { ...pool.applicants[i], id: `new-a${i}` };
      applicantIds.push(applicant.id);
      change = { kind, applicant };
    } else if (kind === 'unitAdded') {
      const like = instance.units[Math.floor(random() * instance.units.length)];
      const unit: Unit = { ...pool.units[i], id: `new-u${i}`, buildingId: like.buildingId, district: like.district };
      unitIds.push(unit.id);
      change = { kind, unit };
    } else if (kind === 'applicantRemoved') {
      change = { kind, applicantId: removeAt(applicantIds, Math.floor(random() * applicantIds.length)) };
    } else if (kind === 'unitRemoved') {
      change = { kind, unitId: removeAt(unitIds, Math.floor(random() * unitIds.length)) };
    } else {
      // An offer declined: a household turns down the flat it holds.
      let unitId = pick(unitIds);
      for (let tries = 0; tries < 50 && standing.holderOf(unitId) === undefined; tries++) unitId = pick(unitIds);
      change = { kind, applicantId: standing.holderOf(unitId) ?? pick(applicantIds), unitId };
    }
    const t0 = performance.now();
    const stats = standing.apply(change);
    const ms = performance.now() - t0;
    if (i < WARM_UP_CHANGES) continue;
    searches += stats.searches;
    times.push(ms);
    byKind.get(kind)!.push(ms);
  }
  const resultTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    standing.result();
    resultTimes.push(performance.now() - t0);
  }
  const final = standing.instance();
  const result = standing.result();
  const resolved = allocate(final, 'optimal');
  const certificateValid = verifyCertificate(final, result).valid;
  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((x, y) => x - y);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  };
  return {
    solveMs,
    changes,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    max: Math.max(...times),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    p99ByKind: Object.fromEntries([...byKind].map(([k, v]) => [k, quantile(v, 0.99)])),
    searchesPerChange: searches / changes,
    resultMs: quantile(resultTimes, 0.5),
    totalScore: result.totalScore,
    resolvedTotal: resolved.totalScore,
    certificateValid,
    peakRssMb: peakRssMb(),
  };
}

function measureEngine(
  { mode, warmRuns, verify }: Extract<BenchCase, { kind: 'engine' }>,
  instance: ReturnType<typeof generateInstance>,
): EngineMeasure {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = 0;
  const run = () => {
    const started = performance.now();
    const result = allocate(instance, mode, { certificate: mode === 'optimal' });
    const ms = performance.now() - started;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    return { result, ms };
  };
  const cold = run();
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) warm.push(run().ms);
  warm.sort((x, y) => x - y);
  const peakRss = peakRssMb();
  let verifyMs: number | undefined;
  let certificateValid: boolean | undefined;
  if (verify) {
    const started = performance.now();
    certificateValid = verifyCertificate(instance, cold.result).valid;
    verifyMs = performance.now() - started;
  }
  return {
    eligiblePairs: cold.result.stats.eligiblePairs,
    coldMs: cold.ms,
    statsMs: cold.result.stats.ms,
    warmMs: warm.length > 0 ? warm[Math.floor(warm.length / 2)] : undefined,
    totalScore: cold.result.totalScore,
    assigned: cold.result.assignments.length,
    rssBeforeMb: mb(rssBefore),
    peakRssMb: peakRss,
    peakHeapMb: mb(peakHeap),
    verifyMs,
    certificateValid,
  };
}

/** Naive baseline: all eligible pairs by score, best first, each taken if still feasible (caps included). */
function measureGreedy(instance: ReturnType<typeof generateInstance>): GreedyMeasure {
  const started = performance.now();
  const compiled = compileInstance(instance);
  const { applicantCount: nA, unitCount: nU, unitBuilding, buildingDistrict, districtCap } = compiled;
  const units = new Int32Array(nU);
  const scores = new Float64Array(nU);
  let pairs = 0;
  for (let a = 0; a < nA; a++) pairs += compiled.eligibleUnits(a, units, scores);
  const pairApplicant = new Int32Array(pairs);
  const pairUnit = new Int32Array(pairs);
  const pairScore = new Float64Array(pairs);
  let j = 0;
  for (let a = 0; a < nA; a++) {
    const n = compiled.eligibleUnits(a, units, scores);
    for (let k = 0; k < n; k++, j++) {
      pairApplicant[j] = a;
      pairUnit[j] = units[k];
      pairScore[j] = scores[k];
    }
  }
  const order = new Uint32Array(pairs);
  for (let i = 0; i < pairs; i++) order[i] = i;
  order.sort((x, y) => pairScore[y] - pairScore[x]);
  const cap = instance.policy.maxPerBuilding ?? Infinity;
  const applicantDone = new Uint8Array(nA);
  const unitDone = new Uint8Array(nU);
  const load = new Int32Array(compiled.buildingCount);
  const districtLoad = new Int32Array(compiled.districtCount);
  let total = 0;
  for (const p of order) {
    const a = pairApplicant[p];
    const u = pairUnit[p];
    const b = unitBuilding[u];
    const d = buildingDistrict[b];
    if (applicantDone[a] || unitDone[u] || load[b] >= cap || districtLoad[d] >= districtCap[d]) continue;
    applicantDone[a] = 1;
    unitDone[u] = 1;
    load[b]++;
    districtLoad[d]++;
    total += pairScore[p];
  }
  return { totalScore: total, ms: performance.now() - started };
}

function measureShortlist(
  { calls, k }: Extract<BenchCase, { kind: 'shortlist' }>,
  instance: ReturnType<typeof generateInstance>,
): ShortlistMeasure {
  const random = seededRandom(99);
  const pickUnit = () => instance.units[Math.floor(random() * instance.units.length)];
  for (let i = 0; i < 100; i++) shortlist(pickUnit(), instance.applicants, instance.policy, k); // JIT warm-up
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const unit = pickUnit();
    const started = performance.now();
    shortlist(unit, instance.applicants, instance.policy, k);
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: times[times.length - 1], mean: times.reduce((s, t) => s + t, 0) / times.length };
}

/** Whole CLI runs on the worked example, from the repository root, as a user types them. */
function measureCli(runs: number, city: Size): CliMeasure {
  const root = join(__dirname, '..', '..', '..');
  const example = join('libs', 'matching-engine', 'test-fixtures', 'example-instance.json');
  const run = (command: string, args: string[]): { ms: number; stdout: string } => {
    const started = performance.now();
    const outcome = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - started;
    if (outcome.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${outcome.stderr.slice(0, 300)}`);
    return { ms, stdout: outcome.stdout };
  };
  const median = (command: string, args: string[]): number => {
    const times = Array.from({ length: runs }, () => run(command, args).ms).sort((x, y) => x - y);
    return times[Math.floor(times.length / 2)];
  };
  const cityFile = join(tmpdir(), `hearth-bench-city-${process.pid}.json`);
  writeFileSync(cityFile, JSON.stringify(generateInstance(city)));
  try {
    run('npm', ['run', '-s', 'match', '--', '--input', example]); // builds the compiled CLI if a source changed
    const cityRun = run('npm', ['run', '-s', 'match', '--', '--input', cityFile, '--mode', 'priority']);
    return {
      npmMs: median('npm', ['run', '-s', 'match', '--', '--input', example, '--mode', 'optimal', '--certificate']),
      compiledMs: median(process.execPath, ['libs/matching-engine/bin/match.js', '--input', example, '--mode', 'optimal', '--certificate']),
      tsLoaderMs: median(process.execPath, ['-r', './tools/register.js', 'libs/matching-engine/src/cli/match.cli.ts', '--input', example, '--certificate']),
      city: { megabytes: statSync(cityFile).size / 1e6, wholeMs: cityRun.ms, solveMs: JSON.parse(cityRun.stdout).stats.ms },
    };
  } finally {
    rmSync(cityFile, { force: true });
  }
}
