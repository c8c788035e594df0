/**
 * npm run bench:http — what the framework costs on a read. The units service runs as its own process
 * (as in production) on a throw-away database seeded with FLATS flats through its own API, and so does
 * matching, its pools written straight into its tables (HOUSEHOLDS households, one available flat). For each
 * endpoint, one request in capture mode (capture-sql.js, preloaded) records the exact SQL statements
 * and parameters its handler sends through `pg`; then a bare Node `http` + `pg` server (its own
 * process, same pool size per database) runs exactly those statements on one pooled client per request and answers
 * their rows as JSON. Both are driven by autocannon (its own process) as fast as they answer, at 1 and
 * 16 connections, interleaved in the same run; each response is timed by the load generator.
 *
 *   npm run bench:http [-- --quick] [--seconds 10] [--flats 300] [--log-level info] [--profile <dir>]
 *
 * --quick: 3 s per measurement, 1 s warm-up (a short check, not a verdict to quote).
 * --profile <dir>: both services' CPU is profiled (V8's profiler, started and stopped around the
 * measured load by profile-hook.js) into <dir>, a file per service; summarise one with
 * `node services/units/bench/summarise-profile.js <file.cpuprofile>`.
 */
import { Topics } from '@hearth/contracts';
import { aUnit, bearer, dropDatabase, eventually, freePort, KafkaTestBroker, LandlordEventStream, queryDatabase, ServiceProcess, TestProducer, testEnv } from '@hearth/testing';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';

const { values: args } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    flats: { type: 'string', default: '300' },
    'log-level': { type: 'string', default: 'info' },
    profile: { type: 'string' },
    // The bare server's arguments (role=bare).
    statements: { type: 'string' },
    databases: { type: 'string' },
    port: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds ?? (args.quick ? 3 : 10));
const WARM_UP = args.quick ? 1 : 3;
const FLATS = Number(args.flats);
const LOG_LEVEL = args['log-level']!;
/** TypeORM's pool in every service (DatabaseModule's default `extra.max`); the bare server gets the same. */
const POOL_SIZE = 10;
const CONNECTIONS = [1, 16];
/** Waitlisted households in matching's pool. */
const HOUSEHOLDS = 300;

interface Statement {
  tag: string;
  /** Set for a named (prepared) statement: the bare server prepares it under the same name. */
  name?: string;
  text: string;
  values: unknown[];
}

interface Endpoint {
  tag: string;
  label: string;
  /** The service's URL and database. */
  base: string;
  database: string;
  path: string;
  authorization: string;
}

interface LoadResult {
  latencies: number[];
  non2xx: number;
  errors: number;
  seconds: number;
}

async function main(): Promise<void> {
  const broker = await KafkaTestBroker.start();
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  const work = mkdtempSync(join(tmpdir(), 'hearth-bench-http-'));
  const captureFile = join(work, 'captured.jsonl');
  const [unitsPort, matchingPort, barePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const unitsUrl = `http://127.0.0.1:${unitsPort}`;
  const matchingUrl = `http://127.0.0.1:${matchingPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const nodeOptions = [`--require ${resolve(__dirname, 'capture-sql.js')}`];
  if (args.profile) nodeOptions.push(`--require ${resolve(__dirname, 'profile-hook.js')}`);
  const common = {
    LOG_LEVEL,
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_ADDRESS: '1000000',
    HEARTH_CAPTURE_SQL: captureFile,
    NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...nodeOptions].join(' ').trim(),
  };
  const profiled = (name: string) => args.profile && { HEARTH_CPU_PROFILE_DIR: resolve(args.profile), HEARTH_CPU_PROFILE_NAME: name };
  const env = testEnv('units', { ...common, PORT: String(unitsPort), ...profiled('units') });
  const matchingEnv = testEnv('matching', { ...common, PORT: String(matchingPort), ...profiled('matching') });
  const units = new ServiceProcess('units', env, join(work, 'logs'));
  const matching = new ServiceProcess('matching', matchingEnv, join(work, 'logs'));
  let bare: ReturnType<typeof fork> | undefined;
  try {
    await units.start(180_000);
    await matching.start(180_000);
    const staff = bearer('sra_staff').Authorization;
    const { landlordIds, unitIds } = await seedFlats(unitsUrl, staff);
    const owner = bearer('landlord', { landlordId: landlordIds[0] }).Authorization;
    const shortlistUnitId = await seedMatching(matchingEnv.DATABASE_NAME!);
    const endpoints: Endpoint[] = [
      { tag: 'list', label: 'list, filtered (staff)', base: unitsUrl, database: env.DATABASE_NAME!, path: '/units?limit=20&districtCode=BXL-N&minBedrooms=2', authorization: staff },
      { tag: 'single', label: 'one flat (staff)', base: unitsUrl, database: env.DATABASE_NAME!, path: `/units/${unitIds[7]}`, authorization: staff },
      { tag: 'own-list', label: "a landlord's own flats", base: unitsUrl, database: env.DATABASE_NAME!, path: '/units?limit=20&maxRent=800.00', authorization: owner },
      { tag: 'shortlist', label: "matching: a flat's stored shortlist", base: matchingUrl, database: matchingEnv.DATABASE_NAME!, path: `/units/${shortlistUnitId}/shortlist`, authorization: staff },
    ];
    // The first read computes and stores the shortlist; the measured reads return the stored one.
    const first = await fetch(`${matchingUrl}/units/${shortlistUnitId}/shortlist`, { headers: { authorization: staff } });
    const shortlist = (await first.json()) as { households?: unknown[]; entries?: unknown[] };
    if (first.status !== 200) throw new Error(`the first shortlist read answered ${first.status}: ${JSON.stringify(shortlist)}`);

    // Capture: one marked request per endpoint, its statements in order.
    for (const endpoint of endpoints) {
      const response = await fetch(`${endpoint.base}${endpoint.path}`, { headers: { authorization: endpoint.authorization, 'x-capture-sql': endpoint.tag } });
      if (response.status !== 200) throw new Error(`GET ${endpoint.path} answered ${response.status}`);
      await response.arrayBuffer();
    }
    const statements = readFileSync(captureFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Statement);
    const databases = Object.fromEntries(endpoints.map((endpoint) => [endpoint.tag, endpoint.database]));
    bare = fork(__filename, ['--role', 'bare', '--statements', captureFile, '--databases', JSON.stringify(databases), '--port', String(barePort)], {
      execArgv: ['-r', require.resolve('../../../tools/register.js')],
      env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
    });
    await eventually(async () => {
      const response = await fetch(`${bareUrl}/${endpoints[0].tag}`);
      if (response.status !== 200) throw new Error(`the bare server answered ${response.status}`);
    }, 30_000, 100);

    console.log(`Hearth HTTP benchmark — units (its own process, log level ${LOG_LEVEL}, pool ${POOL_SIZE}) with ${FLATS} seeded flats, against a bare Node http + pg server (pool ${POOL_SIZE}) running the same captured SQL`);
    console.log(`autocannon in its own process, as fast as answered, at ${CONNECTIONS.join(' and ')} connections; ${SECONDS} s per measurement after ${WARM_UP} s warm-up; Hearth and bare interleaved`);
    if (args.profile) console.log(`the services' CPU is profiled during the measured load (into ${resolve(args.profile)}): figures include the profiler's cost`);
    console.log('');
    for (const endpoint of endpoints) {
      console.log(`${endpoint.label}: GET ${endpoint.path}`);
      for (const statement of statements.filter((s) => s.tag === endpoint.tag)) console.log(`  SQL${statement.name ? ` (prepared as ${statement.name})` : ''}: ${statement.text.replace(/\s+/g, ' ')}  -- ${JSON.stringify(statement.values)}`);
    }

    if (args.profile) for (const service of [units, matching]) process.kill(service.pid!, 'SIGUSR2');
    const targets: string[] = [];
    for (const endpoint of endpoints) {
      console.log('');
      console.log(`${endpoint.label}: GET ${endpoint.path}`);
      console.log(`  connections  server     requests/s    p50 ms    p99 ms  non-2xx  errors`);
      const measured = new Map<string, LoadResult>();
      for (const connections of CONNECTIONS) {
        const hearthUrl = `${endpoint.base}${endpoint.path}`;
        const plainUrl = `${bareUrl}/${endpoint.tag}`;
        await load(hearthUrl, endpoint.authorization, connections, WARM_UP);
        await load(plainUrl, endpoint.authorization, connections, WARM_UP);
        const hearth = await load(hearthUrl, endpoint.authorization, connections, SECONDS);
        const plain = await load(plainUrl, endpoint.authorization, connections, SECONDS);
        measured.set(`hearth${connections}`, hearth);
        measured.set(`bare${connections}`, plain);
        console.log(`  ${fmt(connections, 0, 11)}  Hearth  ${row(hearth)}`);
        console.log(`  ${fmt(connections, 0, 11)}  bare    ${row(plain)}`);
        console.log(
          `  ${fmt(connections, 0, 11)}  ratio   Hearth/bare throughput ${fmt((100 * rate(hearth)) / rate(plain), 0)} %, p50 ${fmt(percentile(hearth.latencies, 50) / percentile(plain.latencies, 50), 2)}×, p99 ${fmt(percentile(hearth.latencies, 99) / percentile(plain.latencies, 99), 2)}×`,
        );
      }
      const failed = [...measured.values()].reduce((sum, result) => sum + result.non2xx + result.errors, 0);
      const share = (100 * rate(measured.get('hearth16')!)) / rate(measured.get('bare16')!);
      const p50 = percentile(measured.get('hearth1')!.latencies, 50) / percentile(measured.get('bare1')!.latencies, 50);
      if (failed > 0) {
        targets.push(`target: ${endpoint.label} throughput at 16 connections — ${failed} requests failed (non-2xx or errors) — NOT met`);
        targets.push(`target: ${endpoint.label} p50 at 1 connection — ${failed} requests failed (non-2xx or errors) — NOT met`);
      } else {
        targets.push(`target: ${endpoint.label} throughput at 16 connections ${fmt(share, 0)} % of bare (goal ≥ 50 %) — ${share >= 50 ? 'met' : 'NOT met'}`);
        targets.push(`target: ${endpoint.label} p50 at 1 connection ${fmt(p50, 2)}× bare (goal ≤ 2×) — ${p50 <= 2 ? 'met' : 'NOT met'}`);
      }
    }
    if (args.profile) {
      console.log('');
      for (const [name, service] of [['units', units], ['matching', matching]] as const) {
        process.kill(service.pid!, 'SIGUSR2');
        const written = await eventually(async () => {
          const files = readdirSync(resolve(args.profile!)).filter((file) => file.startsWith(`${name}-${service.pid}-`));
          if (files.length === 0) throw new Error('the profile is not written yet');
          return join(resolve(args.profile!), files[0]);
        }, 30_000, 200);
        console.log(`profile of ${name} during the measured load (every endpoint's Hearth and bare runs; the service was busy during its own): ${written}`);
        console.log(`  node services/units/bench/summarise-profile.js ${written}`);
      }
    }
    console.log('');
    for (const line of targets) console.log(line);
  } finally {
    bare?.kill();
    loader?.kill();
    await matching.stop(30_000);
    await units.stop(30_000);
    await dropDatabase(env.DATABASE_NAME!).catch(() => undefined);
    await dropDatabase(matchingEnv.DATABASE_NAME!).catch(() => undefined);
    await broker.stop();
  }
}

/** Three verified owners with signed agreements (their events on the landlords topic), and FLATS flats drafted for them, eight at a time. */
async function seedFlats(unitsUrl: string, staff: string): Promise<{ landlordIds: string[]; unitIds: string[] }> {
  const producer = await TestProducer.connect();
  const landlords = [new LandlordEventStream(), new LandlordEventStream(), new LandlordEventStream()];
  for (const landlord of landlords) {
    for (const event of [landlord.registered(), landlord.verified(), landlord.agreementSigned()]) await producer.send(Topics.landlords, landlord.landlordId, event);
  }
  await producer.disconnect();
  const unitIds: string[] = [];
  const draft = async (i: number) => {
    const response = await fetch(`${unitsUrl}/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: staff },
      body: JSON.stringify(
        aUnit()
          .forLandlord(landlords[i % landlords.length].landlordId)
          .withBedrooms(1 + (i % 4))
          .withRent(550 + (i % 7) * 60)
          .withDistrict(['BXL-C', 'BXL-N', 'BXL-S'][i % 3])
          .with('address', `Rue de la Bench ${i + 1}`)
          .with('buildingId', `bld-bench-${Math.floor(i / 2)}`)
          .build(),
      ),
    });
    if (response.status !== 201) throw new Error(`drafting a flat answered ${response.status}`);
    unitIds.push(((await response.json()) as { id: string }).id);
  };
  // The first draft for each owner waits until units has heard of them over Kafka.
  for (let i = 0; i < landlords.length; i++) await eventually(() => draft(i), 60_000, 250);
  for (let next = landlords.length; next < FLATS; ) {
    const batch = Array.from({ length: Math.min(8, FLATS - next) }, (_, k) => next + k);
    await Promise.all(batch.map(draft));
    next += batch.length;
  }
  return { landlordIds: landlords.map((landlord) => landlord.landlordId), unitIds };
}

/** Matching's pools, written straight into its tables (as bench:matching-service does): HOUSEHOLDS
 *  waitlisted households and one available flat; returns the flat's id. */
async function seedMatching(database: string): Promise<string> {
  const households = Array.from({ length: HOUSEHOLDS }, (_, i) => ({
    household_id: randomUUID(),
    reference: `BENCH-${String(i + 1).padStart(5, '0')}`,
    programme: ['housing_first', 'housing_led', 'rapid_rehousing'][i % 3],
    household_size: 1 + (i % 4),
    bedrooms_needed: 1 + (i % 3),
    max_rent: 700 + (i % 6) * 100,
    preferred_districts: i % 2 === 0 ? ['BXL-N'] : [],
    priority: (i * 37) % 100,
    waiting_since: new Date(Date.now() - (30 + (i % 700)) * 86_400_000).toISOString().slice(0, 10),
  }));
  await queryDatabase(
    database,
    `INSERT INTO waitlisted_households (household_id, reference, programme, status, household_size, bedrooms_needed, max_rent, wheelchair, step_free, pets,
                                        excluded_districts, preferred_districts, priority, waiting_since, household_version)
     SELECT household_id, reference, programme, 'waitlisted', household_size, bedrooms_needed, max_rent, false, false, false,
            '{}', preferred_districts, priority, waiting_since, 1
       FROM json_to_recordset($1::json) AS r(household_id uuid, reference text, programme text, household_size int, bedrooms_needed int,
            max_rent double precision, preferred_districts text[], priority double precision, waiting_since date)`,
    [JSON.stringify(households)],
  );
  const unitId = randomUUID();
  await queryDatabase(
    database,
    `INSERT INTO available_units (unit_id, landlord_id, building_id, district, bedrooms, max_occupants, rent, wheelchair_accessible, step_free, pets_allowed, status, unit_version)
     VALUES ($1, $2, 'BLD-BENCH-1', 'BXL-N', 2, 4, 850, false, false, false, 'available', 1)`,
    [unitId, randomUUID()],
  );
  return unitId;
}

/** The load generator: one process running autocannon, kept for the whole run (measurements one at a time). */
let loader: ReturnType<typeof fork> | undefined;

/** Drives `url` for `seconds` at `connections`, as fast as answered; every 2xx response's time (ms), timed by autocannon. */
function load(url: string, authorization: string, connections: number, seconds: number): Promise<LoadResult> {
  if (!loader) {
    loader = fork(__filename, ['--role', 'load'], { execArgv: ['-r', require.resolve('../../../tools/register.js')] });
    const child = loader;
    process.once('exit', () => child.kill());
  }
  const child = loader;
  return new Promise<LoadResult>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the load generator exited with code ${code}`));
    child.once('exit', exited);
    child.once('message', (result) => {
      child.off('exit', exited);
      resolve(result as LoadResult);
    });
    child.send({ url, authorization, connections, seconds } satisfies LoadOrder);
  });
}

interface LoadOrder {
  url: string;
  authorization: string;
  connections: number;
  seconds: number;
}

async function loadRole(): Promise<void> {
  const autocannon = (await import('autocannon')).default;
  process.on('message', async (order: LoadOrder) => {
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    const instance = autocannon({ url: order.url, connections: order.connections, duration: order.seconds, headers: { authorization: order.authorization } });
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    const result = await instance;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.send!({ latencies, non2xx: result.non2xx, errors: result.errors + result.timeouts, seconds: Math.min(seconds, order.seconds) } satisfies LoadResult);
  });
  process.on('disconnect', () => process.exit(0));
  await new Promise(() => undefined);
}

/** The bare server: GET /<tag> runs that endpoint's captured statements, in order, on one pooled client, and answers their rows as JSON. */
async function bareRole(): Promise<void> {
  const statements = readFileSync(args.statements!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Statement);
  const byTag = new Map<string, Statement[]>();
  for (const statement of statements) byTag.set(statement.tag, [...(byTag.get(statement.tag) ?? []), statement]);
  // One pool per database, as each service has its own.
  const databases = JSON.parse(args.databases!) as Record<string, string>;
  const pools = new Map<string, Pool>();
  const poolOf = (database: string) => {
    if (!pools.has(database)) {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${database}`;
      pools.set(database, new Pool({ connectionString: url.toString(), max: POOL_SIZE }));
    }
    return pools.get(database)!;
  };
  const server = createServer(async (request, response) => {
    const tag = (request.url ?? '/').slice(1);
    const script = byTag.get(tag);
    if (!script || !databases[tag]) return void response.writeHead(404).end();
    try {
      const client = await poolOf(databases[tag]).connect();
      try {
        const results: unknown[] = [];
        for (const { name, text, values } of script) results.push((await client.query({ name, text, values })).rows);
        const body = JSON.stringify(results);
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      } finally {
        client.release();
      }
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(Number(args.port), '127.0.0.1', resolve));
  await new Promise(() => undefined);
}

const rate = (result: LoadResult) => result.latencies.length / result.seconds;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (value: number, digits: number, width = 0) => value.toFixed(digits).padStart(width);

function row(result: LoadResult): string {
  return [fmt(rate(result), 0, 13), fmt(percentile(result.latencies, 50), 2, 9), fmt(percentile(result.latencies, 99), 2, 9), fmt(result.non2xx, 0, 8), fmt(result.errors, 0, 7)].join(' ');
}

const role = args.role === 'load' ? loadRole() : args.role === 'bare' ? bareRole() : main();
role.then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
