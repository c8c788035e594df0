import { REPO_ROOT } from '../service-process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Where the gateway finds the built console by default (its CONSOLE_DIST). */
export const CONSOLE_DIST = join(REPO_ROOT, 'services', 'console', 'dist');

/**
 * The web console's production build (Vite) into `outDir`; resolves when it is written. Output is
 * kept and shown only when the build fails.
 */
export function buildConsole(outDir = CONSOLE_DIST): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(REPO_ROOT, 'services', 'console', 'vite.config.mjs'), '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CONSOLE_OUT_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    vite.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    vite.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    vite.on('error', reject);
    vite.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the web console failed (vite exited with ${code}):\n${output}`))));
  });
}
