import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** The services and their ports (docs/operations.md#ports). */
export const SERVICES = {
  gateway: { port: 3000, entry: 'services/gateway/src/main.ts' },
  landlords: { port: 3101, entry: 'services/landlords/src/main.ts' },
  units: { port: 3102, entry: 'services/units/src/main.ts' },
  applicants: { port: 3104, entry: 'services/applicants/src/main.ts' },
  inspections: { port: 3103, entry: 'services/inspections/src/main.ts' },
  matching: { port: 3105, entry: 'services/matching/src/main.ts' },
  leases: { port: 3106, entry: 'services/leases/src/main.ts' },
  mediation: { port: 3107, entry: 'services/mediation/src/main.ts' },
  reporting: { port: 3108, entry: 'services/reporting/src/main.ts' },
} as const;

export type ServiceKey = keyof typeof SERVICES;

/**
 * One service as its own operating-system process, as in production: started from source,
 * considered up when /health answers 200. Used by `npm start` and the end-to-end tests.
 */
export class ServiceProcess {
  private child?: ChildProcess;

  constructor(
    readonly name: ServiceKey,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDirectory: string,
  ) {}

  get port(): number {
    return Number(this.env.PORT ?? SERVICES[this.name].port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    mkdirSync(this.logDirectory, { recursive: true });
    const log = createWriteStream(join(this.logDirectory, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'tools/register.js'), join(REPO_ROOT, SERVICES[this.name].entry)], {
      cwd: REPO_ROOT,
      // Its own process group: a Ctrl-C reaches only the parent, which stops its services in order
      // (and the broker last); the service stops by itself if the parent dies (stdin closes).
      detached: true,
      env: { ...process.env, ...this.env, PORT: String(this.port), HEARTH_STOP_WITH_PARENT: 'true' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    await this.waitUntilHealthy(timeoutMs);
  }

  /** A graceful stop (SIGTERM: Nest's shutdown hooks run); killed if it takes over `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const exited = this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    if ((await Promise.race([exited, late])) === 'late') await this.kill();
    clearTimeout(timer);
  }

  /** A crash: no shutdown hooks, no offset commit, no goodbye. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) {
        throw new Error(`${this.name} exited with code ${this.child?.exitCode}; see ${join(this.logDirectory, `${this.name}.log`)}`);
      }
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${this.name} was not healthy within ${timeoutMs} ms; see ${join(this.logDirectory, `${this.name}.log`)}`);
  }
}
