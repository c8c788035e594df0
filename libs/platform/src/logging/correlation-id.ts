import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Anything else (too long, control characters) is replaced so it cannot forge log lines.
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

const resolved = new WeakMap<IncomingMessage, string>();

/**
 * The request's correlation id: the caller's x-correlation-id header when acceptable,
 * else a new UUID. Decided once per request and echoed in the response header.
 */
export function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  let id = resolved.get(req);
  if (id === undefined) {
    const header = req.headers[CORRELATION_ID_HEADER];
    id = typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID();
    resolved.set(req, id);
    if (!res.headersSent) {
      res.setHeader(CORRELATION_ID_HEADER, id);
    }
  }
  return id;
}
