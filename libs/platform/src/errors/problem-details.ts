import { STATUS_CODES } from 'node:http';

/** An RFC 9457 problem body as Hearth services send it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  correlationId: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `UNIT.NOT_AVAILABLE` → `https://hearth.dev/problems/unit-not-available` */
export function problemType(code: string): string {
  return `https://hearth.dev/problems/${code.toLowerCase().replace(/[._\s]+/g, '-')}`;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
