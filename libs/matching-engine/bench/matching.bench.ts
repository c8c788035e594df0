/**
 * Matching benchmark: npm run bench:matching (from the repository root).
 *
 * Every measurement runs in its own child process (same node flags), so peak memory is that of
 * one run and a big case cannot slow down the next one through a bloated heap.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { BenchCase, EngineMeasure, GreedyMeasure, HighsMeasure, ShortlistMeasure, Size, runCase } from './bench-cases';

const SEED = 42;
const CAP = 2;
const size = (applicants: number, units: number, maxPerBuilding: number | null = CAP): Size => ({ applicants, units, maxPerBuilding, seed: SEED });
const SMALL = size(2_000, 300);
const LARGE = size(100_000, 5_000);
/** The last one, without building caps, is harder (almost every flat is allocated) and outside the targets. */
const SIZES = [SMALL, size(5_000, 500), size(20_000, 1_000), LARGE, size(100_000, 5_000, null)];
/** HiGHS (wasm, single thread) needs ~10 s at 5,000×500; at 20,000×1,000 (4.4M columns) it aborts out of memory. */
const HIGHS_MAX_APPLICANTS = 5_000;
/** Sorting every eligible pair (110M at 100,000×5,000) would need well over 1 GB. */
const GREEDY_MAX_APPLICANTS = 20_000;

const label = (s: Size) =>
  `${s.applicants.toLocaleString('en')}×${s.units.toLocaleString('en')}${s.maxPerBuilding === null ? ' no cap' : ''}`;
const fmt = (x: number, digits = 0) => x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function inChild<T>(benchCase: BenchCase): T {
  const run = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', __filename, '--case', JSON.stringify(benchCase)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`benchmark case ${JSON.stringify(benchCase)} failed (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
  }
  return JSON.parse(line) as T;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function main(): void {
  const started = performance.now();
  console.log(`Hearth matching benchmark — node ${process.version}, ${cpus().length} CPUs, seed ${SEED}, cap ${CAP} per building unless "no cap",`);
  console.log('weights priority 1 / waiting 0.5 / preference 8 / fit 4, maxExtraBedrooms 1. Times are wall clock in ms.\n');

  const engine = new Map<string, { optimal: EngineMeasure; priority: EngineMeasure }>();
  const engineRows: string[][] = [];
  for (const s of SIZES) {
    const warmRuns = s.applicants <= 5_000 ? 5 : 0;
    const optimal = inChild<EngineMeasure>({ kind: 'engine', size: s, mode: 'optimal', warmRuns, verify: true });
    const priority = inChild<EngineMeasure>({ kind: 'engine', size: s, mode: 'priority', warmRuns, verify: false });
    engine.set(label(s), { optimal, priority });
    for (const [mode, m] of [['optimal', optimal], ['priority', priority]] as const) {
      engineRows.push([
        label(s),
        mode,
        fmt(m.eligiblePairs),
        fmt(m.coldMs, 1),
        m.warmMs === undefined ? '-' : fmt(m.warmMs, 1),
        fmt(m.assigned),
        fmt(m.totalScore, 2),
        fmt(m.rssBeforeMb),
        fmt(m.peakRssMb),
        m.certificateValid === undefined ? '-' : `${m.certificateValid ? 'valid' : 'INVALID'} (${fmt((m.verifyMs ?? 0) / 1000, 1)} s)`,
      ]);
    }
  }
  console.log('Engine (certificate built in optimal mode; "first" = first run in a fresh process, JIT included)');
  console.log(
    table(
      ['instance', 'mode', 'eligible pairs', 'first ms', 'warm ms', 'assigned', 'total score', 'RSS before MB', 'peak RSS MB', 'certificate check'],
      engineRows,
    ),
  );

  console.log('\nHiGHS 1.15 (wasm, one thread) on the same LP: one column per eligible pair, rows per applicant, unit and building');
  const highsRows: string[][] = [];
  for (const s of SIZES) {
    const ours = engine.get(label(s))!.optimal;
    if (s.applicants > HIGHS_MAX_APPLICANTS) {
      highsRows.push([label(s), 'skipped', '-', fmt(ours.totalScore, 6), '-', '-', fmt(ours.coldMs, 1), '-']);
      continue;
    }
    const h = inChild<HighsMeasure>({ kind: 'highs', size: s, timeLimitSeconds: 120 });
    highsRows.push([
      label(s),
      h.status,
      fmt(h.objective, 6),
      fmt(ours.totalScore, 6),
      Math.abs(h.objective - ours.totalScore).toExponential(1),
      `${fmt(h.buildMs, 0)} + ${fmt(h.solveMs, 0)}`,
      fmt(ours.coldMs, 1),
      fmt(h.peakRssMb),
    ]);
  }
  console.log(table(['instance', 'HiGHS status', 'HiGHS total', 'engine total', '|diff|', 'HiGHS build + solve ms', 'engine ms', 'HiGHS peak RSS MB'], highsRows));
  console.log(
    `(skipped above ${fmt(HIGHS_MAX_APPLICANTS)} applicants: at 20,000×1,000 the LP has 4.4M columns and the wasm build aborts out of memory)`,
  );

  console.log('\nNaive baselines vs the optimum (gap = how much total score they leave on the table)');
  const baselineRows: string[][] = [];
  for (const s of SIZES) {
    const { optimal, priority } = engine.get(label(s))!;
    const gap = (total: number) => `${fmt(total, 2)} (${fmt((100 * (optimal.totalScore - total)) / optimal.totalScore, 2)} %)`;
    let greedy = 'skipped';
    if (s.applicants <= GREEDY_MAX_APPLICANTS) {
      const g = inChild<GreedyMeasure>({ kind: 'greedy', size: s });
      greedy = `${gap(g.totalScore)} in ${fmt(g.ms)} ms`;
    }
    baselineRows.push([label(s), fmt(optimal.totalScore, 2), gap(priority.totalScore), greedy]);
  }
  console.log(table(['instance', 'optimum', 'priority mode (gap)', 'greedy by pair score (gap)'], baselineRows));
  console.log(`(greedy skipped above ${fmt(GREEDY_MAX_APPLICANTS)} applicants: it sorts every eligible pair)`);

  const shortlistSize = LARGE;
  const sl = inChild<ShortlistMeasure>({ kind: 'shortlist', size: shortlistSize, calls: 1_000, k: 20 });
  console.log(
    `\nShortlist (k = 20) of one flat among ${fmt(shortlistSize.applicants)} households, 1,000 calls over random flats: ` +
      `p50 ${fmt(sl.p50, 2)} ms, p99 ${fmt(sl.p99, 2)} ms, max ${fmt(sl.max, 2)} ms, mean ${fmt(sl.mean, 2)} ms`,
  );

  const small = engine.get(label(SMALL))!.optimal;
  const large = engine.get(label(LARGE))!.optimal;
  const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log('\nTargets');
  console.log(`  optimal 2,000×300 under 100 ms: first run ${fmt(small.coldMs, 1)} ms, warm ${fmt(small.warmMs ?? NaN, 1)} ms — ${check(small.coldMs < 100)}`);
  console.log(
    `  optimal 100,000×5,000 under 10 s within 2 GB: ${fmt(large.coldMs / 1000, 2)} s, peak RSS ${fmt(large.peakRssMb)} MB — ` +
      check(large.coldMs < 10_000 && large.peakRssMb < 2048),
  );
  console.log(`  shortlist p99 under 10 ms at 100,000 households: ${fmt(sl.p99, 2)} ms — ${check(sl.p99 < 10)}`);
  console.log(`\nBenchmark finished in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) {
  runCase(JSON.parse(process.argv[caseIndex + 1]) as BenchCase).then(
    (measure) => console.log(JSON.stringify(measure)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
} else {
  main();
}
