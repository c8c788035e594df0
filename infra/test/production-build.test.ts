import { dropDatabase, freePort, requiredBrokers, SERVICES as ALL_SERVICES, testEnv } from '@hearth/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './compose';

const SERVICES = Object.keys(ALL_SERVICES);
const DIST = join(REPO_ROOT, 'dist');

function* filesUnder(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** The environment of a service started the way the image starts it: production, secrets of its own. */
function productionEnv(service: string, port: number): NodeJS.ProcessEnv {
  const env = testEnv(service, { PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  return {
    PATH: process.env.PATH,
    ...env,
    // Production refuses the test-only signing key: trust a key of this run's own.
    AUTH_JWKS: JSON.stringify({ keys: [PRODUCTION_PUBLIC_JWK] }),
    GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
    BANK_ACCOUNT_KEY: randomBytes(32).toString('base64'),
    APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'),
    MEDIATION_DATA_KEY: randomBytes(32).toString('base64'),
  };
}

const PRODUCTION_PUBLIC_JWK = { ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), kid: 'production-build-test', alg: 'EdDSA', use: 'sig' };

function startCompiled(service: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [join(DIST, 'services', service, 'src', 'main.js')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function healthy(port: number, child: ChildProcess, timeoutMs = 150_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const status = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status, () => 0);
    if (status === 200) return status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return -1;
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** What the image runs: `npm run build` output, with production dependencies only. */
describe('the production build', () => {
  beforeAll(() => {
    requiredBrokers();
    const build = spawnSync(process.execPath, [join(REPO_ROOT, 'tools', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect({ status: build.status, stderr: build.stderr }).toEqual({ status: 0, stderr: '' });
  }, 120_000);

  it('compiles every service to dist/, without sources, specs or test helpers', () => {
    for (const service of SERVICES) expect(existsSync(join(DIST, 'services', service, 'src', 'main.js'))).toBe(true);
    const files = [...filesUnder(DIST)].map((path) => path.slice(DIST.length + 1));

    expect(files.filter((path) => path.endsWith('.ts'))).toEqual([]);
    expect(files.filter((path) => /\.spec\.js$|(^|\/)(testing|test-support)\//.test(path))).toEqual([]);
  });

  it('needs nothing at run time but production dependencies: every package dist/ requires is in "dependencies"', () => {
    const { dependencies, devDependencies } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const required = new Set<string>();
    for (const path of filesUnder(DIST)) {
      if (!path.endsWith('.js')) continue;
      for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        required.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }

    expect(required.size).toBeGreaterThan(10);
    expect([...required].filter((name) => !(name in dependencies)).map((name) => ({ name, devDependency: name in devDependencies }))).toEqual([]);
  });

  it.each(SERVICES)('starts %s from dist/ with NODE_ENV=production and answers /health 200', async (service) => {
    const port = await freePort();
    const env = productionEnv(service, port);
    const { child, output } = startCompiled(service, env);
    try {
      const status = await healthy(port, child);
      expect({ service, status, exitCode: child.exitCode, output: status === 200 ? '' : output() }).toEqual({ service, status: 200, exitCode: null, output: '' });
    } finally {
      await stop(child);
      await dropDatabase(env.DATABASE_NAME!);
    }
  }, 180_000);

  it('refuses to start in production with the development defaults, naming them', async () => {
    const port = await freePort();
    const env = { ...productionEnv('landlords', port), BANK_ACCOUNT_KEY: Buffer.alloc(32, 'hearth-dev-bank-account-key').toString('base64') };
    const { child, output } = startCompiled('landlords', env);

    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    expect(exitCode).not.toBe(0);
    expect(output()).toContain('NODE_ENV=production refuses the public development defaults of BANK_ACCOUNT_KEY');
  });
});

describe('infra/Dockerfile', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'infra', 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('builds in one stage and runs another that has production dependencies and dist/ only', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/RUN npm run build/);
    expect(runtime).toMatch(/RUN npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).not.toMatch(/COPY (libs|services|tools)/);
    expect(runtime).toMatch(/CMD .*node dist\/services\/\$\{SERVICE\}\/src\/main\.js/);
    expect(runtime).not.toMatch(/register\.js|ts-node/);
  });

  it('runs as a user other than root, with a health check on /health', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.indexOf('CMD'));
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(runtime).toMatch(/ENV NODE_ENV=production/);
  });
});
