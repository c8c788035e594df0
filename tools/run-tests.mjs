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

const report = join(mkdtempSync(join(tmpdir(), 'hearth-jest-')), 'report.json');
const jestStatus = run(bin('jest'), ['--json', `--outputFile=${report}`, ...process.argv.slice(2)]);
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed += 1; // Jest did not even produce a report
}
if (jestStatus !== 0 && failed === 0) failed += 1;

const totals = `${passed} passed, ${failed} failed`;
if (process.env.HEARTH_TEST_TOTALS) writeFileSync(process.env.HEARTH_TEST_TOTALS, `${totals}\n`);
console.log(`\n${totals}`);
process.exit(failed === 0 ? 0 : 1);
