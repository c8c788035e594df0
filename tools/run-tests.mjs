// `npm test`: type-check, lint (module boundaries), then every Jest suite (unit, integration,
// end-to-end). Ends with the totals in the plain form CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } }).status ?? 1;

let passed = 0;
let failed = 0;
const check = (name, status) => {
  console.log(`\n${name}: ${status === 0 ? 'ok' : 'FAILED'}`);
  if (status === 0) passed += 1;
  else failed += 1;
};

check('type-check (tsc --noEmit)', run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
// The web console's browser code (JSX, DOM, bundler resolution) has its own tsconfig.
check('type-check of the web console (tsc -p services/console)', run(bin('tsc'), ['-p', 'services/console/tsconfig.json', '--noEmit']));
// The boundaries rule reads Nx's project graph; computing it first keeps the rule from skipping.
check('project graph (nx)', run(bin('nx'), ['show', 'projects']));
check('lint (eslint with Nx module boundaries)', run(bin('eslint'), ['.', '--max-warnings', '0']));

const reports = mkdtempSync(join(tmpdir(), 'hearth-jest-'));
/** One Jest run; its passed and failed tests are added to the totals. */
const jest = (name, args) => {
  const report = join(reports, `${name}.json`);
  const status = run(bin('jest'), ['--json', `--outputFile=${report}`, ...args]);
  let counted = 0;
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    counted = results.numFailedTests + results.numRuntimeErrorTestSuites;
  } catch {
    counted = 1; // Jest did not even produce a report
  }
  failed += status !== 0 && counted === 0 ? 1 : counted;
};

const BROWSER = '\\.browser\\.test\\.ts$';
if (process.argv.length > 2) {
  jest('selected', process.argv.slice(2));
} else {
  // Each browser suite starts the whole platform (nine processes) beside Chromium: on two cores,
  // two of them at once, next to the other suites, starve everything. They run last, one at a time.
  jest('suites', ['--testPathIgnorePatterns', BROWSER]);
  jest('browser', ['--runInBand', '--testPathPattern', BROWSER]);
}

const totals = `${passed} passed, ${failed} failed`;
if (process.env.HEARTH_TEST_TOTALS) writeFileSync(process.env.HEARTH_TEST_TOTALS, `${totals}\n`);
console.log(`\n${totals}`);
process.exit(failed === 0 ? 0 : 1);
