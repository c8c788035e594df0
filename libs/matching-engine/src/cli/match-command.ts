import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allocate } from '../allocate';
import { parseInstance } from '../instance';
import { ALLOCATION_MODES, AllocationMode } from '../types';

export const USAGE = 'usage: npm run -s match -- --input FILE [--mode optimal|priority] [--certificate]';

export interface CommandOutcome {
  /** 0 success, 1 bad input, 2 usage error. */
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/** The match CLI without the process: arguments in, exit code and output text out. */
export function runMatchCommand(
  args: readonly string[],
  readText: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): CommandOutcome {
  let input: string | undefined;
  let modeFlag: string | undefined;
  let withCertificate: boolean;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { input: { type: 'string' }, mode: { type: 'string' }, certificate: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    input = values.input;
    modeFlag = values.mode;
    withCertificate = values.certificate ?? false;
  } catch (error) {
    return usageError(messageOf(error));
  }
  if (input === undefined) return usageError('--input is required');
  if (modeFlag !== undefined && !isMode(modeFlag)) {
    return usageError(`--mode must be one of ${ALLOCATION_MODES.join(', ')} (got ${JSON.stringify(modeFlag)})`);
  }

  let text: string;
  try {
    text = readText(input);
  } catch (error) {
    return badInput(`cannot read ${input}: ${messageOf(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return badInput(`${input} is not valid JSON: ${messageOf(error)}`);
  }
  try {
    const instance = parseInstance(json);
    const mode = modeFlag ?? instance.policy.mode;
    if (withCertificate && mode !== 'optimal') return usageError('--certificate needs --mode optimal');
    const result = allocate(instance, mode, { certificate: withCertificate });
    return { exitCode: 0, stdout: `${JSON.stringify(result)}\n`, stderr: '' };
  } catch (error) {
    return badInput(`${input}: ${messageOf(error)}`);
  }
}

function isMode(value: string): value is AllocationMode {
  return (ALLOCATION_MODES as readonly string[]).includes(value);
}

function usageError(problem: string): CommandOutcome {
  return { exitCode: 2, stdout: '', stderr: `${oneLine(problem)}; ${USAGE}\n` };
}

function badInput(problem: string): CommandOutcome {
  return { exitCode: 1, stdout: '', stderr: `${oneLine(problem)}\n` };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
