import { SERVICES, ServiceKey } from '@hearth/testing';

/** Calls a service's /admin endpoints with the sra_admin token in HEARTH_TOKEN; the service is
 *  reached at HEARTH_<SERVICE>_URL when set (e.g. HEARTH_UNITS_URL), else on its default port. */
export type AdminCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<unknown>;

export function adminToken(): string | undefined {
  const token = process.env.HEARTH_TOKEN;
  if (!token) console.error('Set HEARTH_TOKEN to an sra_admin access token (sign in at the gateway as admin@hearth.demo; see docs/operations.md).');
  return token;
}

export function isService(name: string | undefined): name is ServiceKey {
  return name !== undefined && name in SERVICES;
}

export function adminClient(service: ServiceKey, token: string, url?: string): AdminCall {
  const base = url ?? process.env[`HEARTH_${service.toUpperCase()}_URL`] ?? `http://127.0.0.1:${SERVICES[service].port}`;
  return async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${service}: ${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
}

/** Runs a command-line main and exits with its status; an error is printed without a stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}

/** True when the error is a refused or failed connection (the service is not running there). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/.test(error.message);
}
