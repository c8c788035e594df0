// `npm start`: installs dependencies on a fresh clone, then hands over to the TypeScript runner.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)…');
  const npm = (command) => spawnSync('npm', [command, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' }).status;
  if (npm('ci') !== 0) process.exit(1);
}
const runner = spawn(process.execPath, ['-r', join(root, 'tools/register.js'), join(root, 'tools/platform/start-platform.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the runner too (same process group); it stops what it started, then exits.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => runner.kill('SIGTERM'));
runner.on('exit', (code) => process.exit(code ?? 0));
