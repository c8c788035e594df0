import { DEVELOPMENT_DEFAULTS } from '@hearth/platform';
import { KafkaTestBroker, REPO_ROOT, ServiceKey, ServiceProcess, SERVICES } from '@hearth/testing';
import { join } from 'node:path';
import { seedDemoData } from './demo-data';
import { demoAccess, formatDemoAccess } from './demo-tokens';
import { aptInstall, ensurePostgres, ensureRedis } from './infrastructure';
import { localPostgresUrl } from './postgres-access';

async function main(): Promise<void> {
  const stops: (() => void | Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping everything npm start started…');
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const env: NodeJS.ProcessEnv = {
      // Development defaults (refused by a service started with NODE_ENV=production).
      ...DEVELOPMENT_DEFAULTS,
      ...pick(process.env, Object.keys(DEVELOPMENT_DEFAULTS)),
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
    const services = (Object.keys(SERVICES) as ServiceKey[]).map((name) => new ServiceProcess(name, env, logDirectory));
    for (const service of services) stops.push(() => service.stop());
    console.log(`Starting ${services.map((s) => s.name).join(', ')} (migrations run at start-up)…`);
    await Promise.all(services.map((s) => s.start(120_000)));

    const url = (name: ServiceKey) => services.find((s) => s.name === name)!.url;
    const urls = { landlords: url('landlords'), units: url('units'), inspections: url('inspections'), applicants: url('applicants'), matching: url('matching') };
    await seedDemoData(urls, env.JWT_SECRET!);

    const roles = await demoAccess(urls, env.JWT_SECRET!);
    console.log(['', ...formatDemoAccess(services, roles, logDirectory)].join('\n'));
    console.log('\nCtrl-C stops everything npm start started.');
  } catch (error) {
    console.error(`\nnpm start failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

function pick(env: NodeJS.ProcessEnv, names: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(names.filter((name) => env[name]).map((name) => [name, env[name]]));
}

void main();
