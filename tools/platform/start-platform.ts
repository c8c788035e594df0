import { mintToken } from '@hearth/auth';
import { KafkaTestBroker, REPO_ROOT, ServiceKey, ServiceProcess, SERVICES } from '@hearth/testing';
import { join } from 'node:path';
import { seedDemoData } from './demo-data';
import { aptInstall, ensurePostgres, ensureRedis } from './infrastructure';
import { localPostgresUrl } from './postgres-access';

/** Development-only defaults; production sets its own through the environment. */
const DEV_JWT_SECRET = 'hearth-development-secret-change-me';
const DEV_BANK_ACCOUNT_KEY = Buffer.alloc(32, 'hearth-dev-bank-account-key').toString('base64');
const DEV_APPLICANTS_DATA_KEY = Buffer.alloc(32, 'hearth-dev-applicants-data-key').toString('base64');

async function main(): Promise<void> {
  // Stopped in reverse order of starting: the services (together, each given at most 8 s), then
  // the broker and the databases they used. The whole stop takes under 10 s; a second Ctrl-C
  // stops at once.
  const stops: (() => void | Promise<void>)[] = [];
  let services: ServiceProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) {
      await Promise.all(services.map((service) => service.kill()));
      process.exit(1);
    }
    stopping = true;
    console.log('\nStopping everything npm start started…');
    setTimeout(() => process.exit(code), 10_000).unref();
    await Promise.all(services.map((service) => service.stop(8_000).catch(() => undefined)));
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const env: NodeJS.ProcessEnv = {
      JWT_SECRET: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
      BANK_ACCOUNT_KEY: process.env.BANK_ACCOUNT_KEY ?? DEV_BANK_ACCOUNT_KEY,
      APPLICANTS_DATA_KEY: process.env.APPLICANTS_DATA_KEY ?? DEV_APPLICANTS_DATA_KEY,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    };

    if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
    else {
      const stopPostgres = await ensurePostgres();
      if (stopPostgres) stops.push(stopPostgres);
      env.DATABASE_URL = await localPostgresUrl();
    }

    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    else {
      const stopRedis = await ensureRedis();
      if (stopRedis) stops.push(stopRedis);
      env.REDIS_URL = 'redis://127.0.0.1:6379';
    }

    if (process.env.KAFKA_BROKERS) {
      env.KAFKA_BROKERS = process.env.KAFKA_BROKERS;
      env.KAFKA_IDEMPOTENT = process.env.KAFKA_IDEMPOTENT ?? 'true';
    } else {
      aptInstall('kcat', ['kcat']);
      const broker = await KafkaTestBroker.start();
      stops.push(() => broker.stop());
      env.KAFKA_BROKERS = broker.brokers.join(',');
      env.KAFKA_IDEMPOTENT = 'false';
      console.log(`Kafka test broker (librdkafka mock cluster, in memory) at ${env.KAFKA_BROKERS}`);
    }

    const logDirectory = join(REPO_ROOT, '.hearth', 'logs');
    services = (Object.keys(SERVICES) as ServiceKey[]).map((name) => new ServiceProcess(name, env, logDirectory));
    console.log(`Starting ${services.map((s) => s.name).join(', ')} (migrations run at start-up)…`);
    await Promise.all(services.map((s) => s.start(120_000)));

    const url = (name: ServiceKey) => services.find((s) => s.name === name)!.url;
    await seedDemoData(
      { landlords: url('landlords'), units: url('units'), inspections: url('inspections'), applicants: url('applicants'), matching: url('matching') },
      env.JWT_SECRET!,
    );

    const staffToken = mintToken(env.JWT_SECRET!, { sub: 'demo-staff', role: 'sra_staff' }, '12h');
    console.log('\nHearth is running:');
    for (const service of services) console.log(`  ${service.name.padEnd(10)} ${service.url}   API docs: ${service.url}/docs   health: ${service.url}/health`);
    console.log(`\nLogs: ${logDirectory}/<service>.log`);
    console.log(`A staff token (12 h) to try the APIs:\n  export TOKEN=${staffToken}\n  curl -H "Authorization: Bearer $TOKEN" ${url('units')}/units`);
    console.log('\nCtrl-C stops everything npm start started.');
  } catch (error) {
    console.error(`\nnpm start failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

void main();
