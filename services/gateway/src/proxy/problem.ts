import { PROBLEM_CONTENT_TYPE, problemType } from '@hearth/platform';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** Answers from the front door's own middleware in the same problem+json shape as every service. */
export function sendProblem(request: Request, response: Response, status: number, code: string, detail: string, extras: Record<string, unknown> = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response
    .status(status)
    .type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(
      JSON.stringify({
        type: problemType(code),
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail,
        code,
        instance: request.originalUrl.split('?')[0],
        correlationId: request.headers['x-correlation-id'],
        ...extras,
      }),
    );
}
