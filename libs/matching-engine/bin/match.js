#!/usr/bin/env node
// `npm run match` starts here: it runs the CLI from one compiled file (dist/ beside this folder), built with
// esbuild whenever a source of the engine is newer than it, so a run pays neither the TypeScript
// loader nor the resolution of dozens of modules.
const { mkdirSync, readdirSync, renameSync, statSync } = require('node:fs');
const { join } = require('node:path');

const engineSources = join(__dirname, '..', 'src');
const compiled = join(__dirname, '..', 'dist', 'match.cli.js');

function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  try {
    return statSync(compiled).mtimeMs >= newestSource(engineSources);
  } catch {
    return false;
  }
}

if (!compiledIsCurrent()) {
  // Built beside the target, then renamed: two runs building at once never read half a file.
  const partial = `${compiled}.${process.pid}.tmp`;
  mkdirSync(join(compiled, '..'), { recursive: true });
  require('esbuild').buildSync({
    entryPoints: [join(engineSources, 'cli', 'match.cli.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'error',
  });
  renameSync(partial, compiled);
}
require(compiled);
