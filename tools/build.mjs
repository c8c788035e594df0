// `npm run build`: compiles the services and the libs they use to JavaScript in dist/, for the
// production image (`node dist/services/<service>/src/main.js`). SWC transpiles each file as
// jest and `npm start` do (decorator metadata kept for Nest) and rewrites the @hearth/* aliases of
// tsconfig.base.json into relative requires, so dist/ runs without ts-node or tsconfig-paths.
// Type checking is `npm run typecheck` (part of `npm test`), not repeated here.
import { transformFile } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

// What runs in production: every service and every lib but the testing one. The web console is
// not Node code: Vite builds it into services/console/dist, which the gateway serves.
const sourceRoots = [
  ...readdirSync(join(root, 'services'))
    .filter((service) => service !== 'console')
    .map((service) => join('services', service, 'src')),
  ...readdirSync(join(root, 'libs'))
    .filter((lib) => lib !== 'testing')
    .map((lib) => join('libs', lib, 'src')),
];
const isTest = (path) => /\.spec\.ts$/.test(path) || /(^|\/)(testing|test-support)\//.test(path);

function* filesUnder(directory) {
  for (const name of readdirSync(join(root, directory))) {
    const path = join(directory, name);
    if (statSync(join(root, path)).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const options = {
  swcrc: false,
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    baseUrl: root,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
};

rmSync(out, { recursive: true, force: true });
let compiled = 0;
let copied = 0;
for (const sourceRoot of sourceRoots) {
  for (const path of filesUnder(sourceRoot)) {
    if (isTest(path)) continue;
    const target = join(out, path);
    mkdirSync(dirname(target), { recursive: true });
    if (path.endsWith('.ts')) {
      const { code, map } = await transformFile(join(root, path), { ...options, filename: join(root, path) });
      const js = target.replace(/\.ts$/, '.js');
      writeFileSync(js, `${code}\n//# sourceMappingURL=${relative(dirname(js), `${js}.map`)}\n`);
      if (map) writeFileSync(`${js}.map`, map);
      compiled += 1;
    } else {
      // Translations, fixtures the code reads at run time, READMEs: copied as they are.
      cpSync(join(root, path), target);
      copied += 1;
    }
  }
}
console.log(`dist/: ${compiled} files compiled, ${copied} copied, from ${sourceRoots.length} source folders`);

const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'services', 'console', 'vite.config.mjs'), '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (vite.status !== 0) process.exit(vite.status ?? 1);
console.log('services/console/dist/: the web console, built by Vite');
