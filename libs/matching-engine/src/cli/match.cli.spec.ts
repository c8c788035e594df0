import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Spawns the real CLI the way `npm run match` does: node on the launcher, which runs the compiled CLI
// (and compiles it first when a source of the engine is newer).
const repoRoot = join(__dirname, '..', '..', '..', '..');
const fixture = join(__dirname, '..', '..', 'test-fixtures', 'example-instance.json');

function matchCli(...args: string[]) {
  const run = spawnSync(process.execPath, ['libs/matching-engine/bin/match.js', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('match CLI (spawned)', () => {
  it('prints the certified optimum of the example as one JSON object', () => {
    const { exitCode, stdout, stderr } = matchCli('--input', fixture, '--mode', 'optimal', '--certificate');
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.totalScore).toBeCloseTo(179.416666667, 8);
    expect(result.certificate.applicants.a10).toBeGreaterThanOrEqual(0);
  });

  it('exits 1 with one line on stderr and nothing on stdout for an unreadable file', () => {
    const { exitCode, stdout, stderr } = matchCli('--input', 'does-not-exist.json', '--mode', 'priority');
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('cannot read does-not-exist.json')]);
  });

  it('exits 2 on a usage error', () => {
    const { exitCode, stdout, stderr } = matchCli('--mode', 'optimal');
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('--input is required')]);
  });
});
