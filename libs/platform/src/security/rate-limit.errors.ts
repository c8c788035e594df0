import type { ServerResponse } from 'node:http';
import { DomainError } from '../errors/domain.errors';

/** 429 with the seconds to wait in Retry-After (set on the response, as the problem filter keeps headers). */
export class TooManyRequestsError extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number, res: ServerResponse) {
    super(code, `${message}; retry in ${retryAfterSeconds} s`, 429);
    if (!res.headersSent) res.setHeader('Retry-After', String(Math.max(1, retryAfterSeconds)));
  }
}
