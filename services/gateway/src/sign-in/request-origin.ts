import type { Request } from 'express';

/** Where a request comes from, for throttling and the audit log. */
export interface RequestOrigin {
  address: string;
  userAgent: string | null;
}

/** `req.ip` honours `trust proxy` (set when the gateway runs behind a load balancer). */
export function requestOrigin(request: Request): RequestOrigin {
  const userAgent = request.headers['user-agent'];
  return { address: request.ip ?? request.socket.remoteAddress ?? 'unknown', userAgent: userAgent ? userAgent.slice(0, 200) : null };
}
