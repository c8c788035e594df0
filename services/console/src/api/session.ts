/**
 * The signed-in session: the access token lives only in memory (never in storage a script could
 * read later); the refresh token is the gateway's httpOnly cookie on /auth. A page reload, or an
 * access token about to expire, asks POST /auth/refresh for a new one.
 */
export type Role = 'sra_admin' | 'sra_staff' | 'caseworker' | 'landlord' | 'inspector' | 'board_member' | 'mediator';
export const ROLES: Role[] = ['sra_staff', 'sra_admin', 'caseworker', 'landlord', 'inspector', 'board_member', 'mediator'];

export interface Session {
  accessToken: string;
  role: Role;
  userId: string;
  landlordId?: string;
  expiresAt: number;
}

/** What the API refused, as problem+json says it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(detail || code);
  }
}

let current: Session | undefined;
let refreshing: Promise<Session | undefined> | undefined;
const listeners = new Set<(session: Session | undefined) => void>();

export function onSessionChange(listener: (session: Session | undefined) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(session: Session | undefined): void {
  current = session;
  for (const listener of listeners) listener(session);
}

export function currentSession(): Session | undefined {
  return current;
}

function claims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(json) as Record<string, unknown>;
}

function toSession(body: { accessToken: string; role: Role; expiresIn: number }): Session {
  const c = claims(body.accessToken);
  return {
    accessToken: body.accessToken,
    role: body.role,
    userId: String(c.sub),
    landlordId: typeof c.landlordId === 'string' ? c.landlordId : undefined,
    expiresAt: Date.now() + body.expiresIn * 1000,
  };
}

export async function problemOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  const errors = Array.isArray(body.errors) ? (body.errors as { field: string; message: string }[]) : [];
  return new ApiError(response.status, String(body.code ?? `HTTP_${response.status}`), String(body.detail ?? ''), errors);
}

export async function signIn(input: { email: string; password: string; role?: Role; totp?: string }): Promise<Session> {
  const response = await fetch('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== ''))),
  });
  if (!response.ok) throw await problemOf(response);
  const session = toSession(await response.json());
  setSession(session);
  return session;
}

/** One refresh at a time (the cookie rotates: two at once would look like a stolen token). */
export function refresh(): Promise<Session | undefined> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/auth/refresh', { method: 'POST' });
      if (!response.ok) {
        setSession(undefined);
        return undefined;
      }
      const session = toSession(await response.json());
      setSession(session);
      return session;
    } catch {
      setSession(undefined);
      return undefined;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

export async function signOut(): Promise<void> {
  const token = current?.accessToken;
  setSession(undefined);
  await fetch('/auth/sign-out', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => undefined);
}

/** A call to /api/<service>/…: JSON both ways, the token refreshed when it is about to lapse or was refused once. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  // A write always carries a JSON body (an empty object at least): the services validate it.
  const body = init.body ?? (method === 'GET' ? undefined : {});
  const send = async (session: Session | undefined) =>
    fetch(`/api${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let session = current;
  if (!session || session.expiresAt - Date.now() < 30_000) session = await refresh();
  let response = await send(session);
  if (response.status === 401) response = await send(await refresh());
  if (!response.ok) throw await problemOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
