import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';

/** Whether something listens on host:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(port: number, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isListening(port))) {
    if (Date.now() > deadline) throw new Error(`${what} did not start listening on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let aptUpdated = false;

/** Installs Debian packages when a command is missing (we run as root on the dev machines). */
export function aptInstall(command: string, packages: string[]): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return;
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  const run = (args: string[]) => {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install ${packages.join(', ')} yourself`);
  };
  if (!aptUpdated) {
    run(['update', '-qq']);
    aptUpdated = true;
  }
  run(['install', '-y', '-qq', ...packages]);
}

/** Starts the local PostgreSQL cluster (installing it if needed); returns a stop function if we started it. */
export async function ensurePostgres(): Promise<(() => void) | undefined> {
  if (await isListening(5432)) return undefined;
  if (!existsSync('/etc/postgresql')) aptInstall('pg_ctlcluster', ['postgresql']);
  const version = readdirSync('/etc/postgresql')[0];
  console.log(`Starting PostgreSQL ${version}…`);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  await waitForPort(5432, 'PostgreSQL');
  return () => spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'stop'], { stdio: 'inherit' });
}

/** Starts a local Redis (installing it if needed); returns a stop function if we started it. */
export async function ensureRedis(): Promise<(() => void) | undefined> {
  if (await isListening(6379)) return undefined;
  aptInstall('redis-server', ['redis-server']);
  console.log('Starting Redis…');
  execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], { stdio: 'inherit' });
  await waitForPort(6379, 'Redis');
  return () => spawnSync('redis-cli', ['-p', '6379', 'shutdown', 'nosave'], { stdio: 'inherit' });
}
