import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * A PostgreSQL server of its own (initdb in a temporary folder, its own port), so a test or the
 * chaos run can stop it for real without disturbing anything else on the machine. PostgreSQL
 * refuses to run as root: as root, its commands run as the postgres user.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dataDirectory: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const port = await freePort();
    const folder = mkdtempSync(join(tmpdir(), 'hearth-pg-'));
    const dataDirectory = join(folder, 'data');
    if (isRoot()) {
      chownSync(folder, postgresUid(), postgresGid());
      chmodSync(folder, 0o700);
    }
    asPostgres(pgBin('initdb'), ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const server = new PrivatePostgres(port, dataDirectory);
    server.resume();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  /** Stops the server the way a crash or a failover does: connections are cut at once. */
  stop(): void {
    asPostgres(pgBin('pg_ctl'), ['-D', this.dataDirectory, '-m', 'immediate', '-w', 'stop']);
  }

  /** Starts the server again (after stop, or the first time). A stop is a crash (immediate), so a
   *  commit must reach the WAL before it is acknowledged (synchronous_commit stays on); fsync can be
   *  off because the machine itself does not crash. */
  resume(): void {
    asPostgres(pgBin('pg_ctl'), [
      '-D',
      this.dataDirectory,
      '-l',
      join(this.dataDirectory, '..', 'server.log'),
      '-o',
      `-p ${this.port} -k ${join(this.dataDirectory, '..')} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`,
      '-w',
      'start',
    ]);
  }

  destroy(): void {
    try {
      asPostgres(pgBin('pg_ctl'), ['-D', this.dataDirectory, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(join(this.dataDirectory, '..'), { recursive: true, force: true });
  }
}

/** A Redis server of its own, keeping nothing on disk (as in production here: a restart forgets every job). */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const server = new PrivateRedis(await freePort());
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server again; does nothing while it runs (a second server could not take the port). */
  async resume(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/i.test(output)) {
          clearTimeout(timer);
          child.stdout!.removeAllListeners('data');
          child.stdout!.resume();
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
    child.removeAllListeners('exit');
  }

  /** Kills the server (everything in it is lost, as when a Redis without persistence restarts). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().reverse()[0] : undefined;
  if (!version) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (Debian package "postgresql")');
  return join(root, version, 'bin', name);
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
}

function postgresGid(): number {
  return Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
}

function asPostgres(command: string, args: string[]): void {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}
