/** What one benchmark child process measures; each case runs in a fresh process for clean memory figures. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { allocate } from '../src/allocate';
import { verifyCertificate } from '../src/certificate';
import { compileInstance } from '../src/compiled-instance';
import { shortlist } from '../src/shortlist';
import { AllocationMode } from '../src/types';
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
  | { readonly kind: 'cli'; readonly runs: number };

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
  /** Whole process, node with the TypeScript loader, without npm. */
  readonly nodeMs: number;
}

export interface ShortlistMeasure {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

export async function runCase(benchCase: BenchCase): Promise<unknown> {
  if (benchCase.kind === 'cli') return measureCli(benchCase.runs);
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
  }
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
function measureCli(runs: number): CliMeasure {
  const root = join(__dirname, '..', '..', '..');
  const example = join('libs', 'matching-engine', 'test-fixtures', 'example-instance.json');
  const time = (command: string, args: string[]): number => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const run = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
      times.push(performance.now() - started);
      if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.slice(0, 300)}`);
    }
    times.sort((x, y) => x - y);
    return times[Math.floor(times.length / 2)];
  };
  return {
    npmMs: time('npm', ['run', '-s', 'match', '--', '--input', example, '--mode', 'optimal', '--certificate']),
    nodeMs: time(process.execPath, ['-r', './tools/register.js', 'libs/matching-engine/src/cli/match.cli.ts', '--input', example, '--certificate']),
  };
}
