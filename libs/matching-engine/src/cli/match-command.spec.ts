import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMatchCommand } from './match-command';

const fixture = join(__dirname, '..', '..', 'test-fixtures', 'example-instance.json');
const exampleText = readFileSync(fixture, 'utf8');

/** Runs the command against in-memory files. */
function run(args: string[], files: Record<string, string> = { 'instance.json': exampleText }) {
  return runMatchCommand(args, (path) => {
    if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return files[path];
  });
}

function withChange(change: (json: any) => void): string {
  const json = JSON.parse(exampleText);
  change(json);
  return JSON.stringify(json);
}

function expectBadInput(outcome: ReturnType<typeof run>, exitCode: 1 | 2, problem: string | RegExp): void {
  expect(outcome.exitCode).toBe(exitCode);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr.endsWith('\n')).toBe(true);
  expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(outcome.stderr).toMatch(problem);
}

describe('match command', () => {
  it('prints one JSON object with the result of the mode asked for', () => {
    const outcome = run(['--input', 'instance.json', '--mode', 'priority']);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stderr).toBe('');
    const printed = JSON.parse(outcome.stdout);
    expect(Object.keys(printed)).toEqual(['mode', 'assignments', 'totalScore', 'stats']);
    expect(printed.mode).toBe('priority');
    expect(printed.totalScore).toBeCloseTo(170.45, 9);
    expect(printed.stats).toEqual({ eligiblePairs: 22, ms: expect.any(Number) });
  });

  it('uses policy.mode when --mode is absent and adds the certificate only on request', () => {
    const plain = JSON.parse(run(['--input', 'instance.json']).stdout);
    expect(plain.mode).toBe('optimal');
    expect(plain.certificate).toBeUndefined();
    const certified = JSON.parse(run(['--input', 'instance.json', '--certificate']).stdout);
    expect(certified.totalScore).toBeCloseTo(179.416666667, 8);
    expect(Object.keys(certified.certificate)).toEqual(['applicants', 'units', 'buildings', 'districts']);
  });

  it('lets --mode override policy.mode', () => {
    const files = { 'p.json': withChange((j) => (j.policy.mode = 'priority')) };
    expect(JSON.parse(run(['--input', 'p.json', '--mode', 'optimal'], files).stdout).mode).toBe('optimal');
  });

  it.each([
    ['an unreadable file', ['--input', 'missing.json'], /^cannot read missing\.json: ENOENT/],
    ['invalid JSON', ['--input', 'broken.json'], /^broken\.json is not valid JSON/],
    ['a mistyped field', ['--input', 'mistyped.json'], 'applicants[3].maxRent must be a number'],
    ['a duplicate id', ['--input', 'duplicate.json'], 'duplicate unit id "u1"'],
    ['a negative size', ['--input', 'negative.json'], 'applicants[0].householdSize must be >= 0'],
    ['an unknown mode in the policy', ['--input', 'mode.json'], 'policy.mode must be one of priority, optimal'],
  ])('rejects %s with exit code 1 and one line on stderr', (_case, args, problem) => {
    const files = {
      'broken.json': '{"policy": ',
      'mistyped.json': withChange((j) => (j.applicants[3].maxRent = 'lots')),
      'duplicate.json': withChange((j) => (j.units[1].id = 'u1')),
      'negative.json': withChange((j) => (j.applicants[0].householdSize = -3)),
      'mode.json': withChange((j) => (j.policy.mode = 'random')),
    };
    expectBadInput(run(args, files), 1, problem);
  });

  it.each([
    ['no --input', [], /--input is required; usage:/],
    ['an unknown option', ['--input', 'instance.json', '--fast'], /Unknown option '--fast'/],
    ['an unknown --mode', ['--input', 'instance.json', '--mode', 'best'], /--mode must be one of priority, optimal/],
    ['a certificate for priority mode', ['--input', 'instance.json', '--mode', 'priority', '--certificate'], /--certificate needs --mode optimal/],
  ])('treats %s as a usage error (exit code 2)', (_case, args, problem) => {
    expectBadInput(run(args as string[]), 2, problem);
  });
});
