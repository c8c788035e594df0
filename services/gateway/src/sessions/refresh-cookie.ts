import type { Request, Response } from 'express';
import type { GatewayConfig } from '../config';

export const REFRESH_COOKIE = 'hearth_refresh';
/** Sent back only to the session endpoints, never to the APIs. */
const COOKIE_PATH = '/auth';

/** The refresh token goes in an httpOnly, Secure, SameSite=Strict cookie: scripts cannot read it, other sites cannot send it. */
export function setRefreshCookie(response: Response, token: string, config: GatewayConfig): void {
  response.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: config.COOKIE_SECURE,
    sameSite: 'strict',
    path: COOKIE_PATH,
    maxAge: config.REFRESH_TOKEN_TTL * 1000,
  });
}

export function clearRefreshCookie(response: Response, config: GatewayConfig): void {
  response.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: config.COOKIE_SECURE, sameSite: 'strict', path: COOKIE_PATH });
}

export function refreshCookie(request: Request): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
