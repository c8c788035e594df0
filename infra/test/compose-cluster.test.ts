import { dlqTopic, Topics } from '@hearth/contracts';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@hearth/testing';
import { readCompose, REPO_ROOT } from './compose';

/** Every service the platform runs (the registry `npm start` and the tests use). */
const HEARTH_SERVICES = Object.keys(SERVICES).sort();
const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3'];

interface TopicCreation {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

/** Runs infra/kafka/create-topics.sh against a kafka-topics.sh that records what it is asked to create. */
function topicsTheScriptCreates(): TopicCreation[] {
  const bin = mkdtempSync(join(tmpdir(), 'hearth-kafka-bin-'));
  try {
    const calls = join(bin, 'calls.jsonl');
    writeFileSync(join(bin, 'kafka-topics.sh'), `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
    chmodSync(join(bin, 'kafka-topics.sh'), 0o755);
    execFileSync('bash', [join(REPO_ROOT, 'infra', 'kafka', 'create-topics.sh')], { env: { PATH: process.env.PATH, BOOTSTRAP_SERVERS: 'kafka-1:9092', KAFKA_BIN: bin } });
    return readFileSync(calls, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[])
      .filter((args) => args.includes('--create'))
      .map((args) => {
        const value = (flag: string) => args[args.indexOf(flag) + 1];
        const configs = Object.fromEntries(args.flatMap((arg, i) => (arg === '--config' ? [args[i + 1].split('=') as [string, string]] : [])));
        return { topic: value('--topic'), partitions: Number(value('--partitions')), replicationFactor: Number(value('--replication-factor')), configs };
      });
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('docker-compose.yml: a production-shaped deployment', () => {
  const { services, volumes = {} } = readCompose();
  const env = (service: string) => services[service].environment ?? {};

  it('runs a three-broker Kafka cluster in KRaft mode, replication factor 3, min.insync.replicas 2, no auto-created topics', () => {
    const clusterIds = new Set(BROKERS.map((broker) => env(broker)['CLUSTER_ID']));
    expect(BROKERS.map((broker) => env(broker)['KAFKA_NODE_ID'])).toEqual([1, 2, 3]);
    expect(clusterIds.size).toBe(1);
    for (const broker of BROKERS) {
      expect(env(broker)).toMatchObject({
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093',
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${broker}:9092`,
        KAFKA_DEFAULT_REPLICATION_FACTOR: 3,
        KAFKA_MIN_INSYNC_REPLICAS: 2,
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 3,
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 2,
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      });
      expect(services[broker].healthcheck).toBeDefined();
    }
  });

  it('creates every topic explicitly before any service starts', () => {
    expect(services['kafka-topics'].depends_on).toEqual(Object.fromEntries(BROKERS.map((broker) => [broker, { condition: 'service_healthy' }])));
    for (const service of HEARTH_SERVICES) {
      expect(services[service].depends_on?.['kafka-topics']).toEqual({ condition: 'service_completed_successfully' });
      expect(env(service)['KAFKA_BROKERS']).toBe('kafka-1:9092,kafka-2:9092,kafka-3:9092');
    }
  });

  it('creates each service’s topic and DLQ with partitions, replication, retention, and compaction where it is used', () => {
    const created = topicsTheScriptCreates();
    const byTopic = new Map(created.map((creation) => [creation.topic, creation]));
    const expected = Object.values(Topics).flatMap((topic) => [topic, dlqTopic(topic.replace(/^hearth\./, ''))]);

    expect(created.map((creation) => creation.topic).sort()).toEqual(expected.sort());
    for (const creation of created) expect({ ...creation, configs: creation.configs['min.insync.replicas'] }).toMatchObject({ replicationFactor: 3, configs: '2' });
    for (const topic of Object.values(Topics)) {
      expect(byTopic.get(topic)!.partitions).toBe(12);
      expect(byTopic.get(dlqTopic(topic.replace(/^hearth\./, '')))!.configs).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': '2592000000' });
    }
    expect(byTopic.get(Topics.units)!.configs).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': '-1' });
    // Erasure cannot rewrite Kafka's history: the applicants topic keeps each household's latest event only.
    expect(byTopic.get(Topics.applicants)!.configs).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': '-1' });
  });

  it('keeps state in named volumes only', () => {
    for (const stateful of [...BROKERS, 'postgres', 'redis']) {
      const mounts = services[stateful].volumes ?? [];
      expect(mounts).toHaveLength(1);
      expect(Object.keys(volumes)).toContain(mounts[0].split(':')[0]);
    }
    expect(services['kafka-topics'].volumes).toEqual(['./infra/kafka/create-topics.sh:/opt/hearth/create-topics.sh:ro']);
  });

  it('limits the CPU and memory of every service', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, limits: service.deploy?.resources?.limits }).toEqual({ name, limits: { cpus: expect.stringMatching(/^\d+(\.\d+)?$/), memory: expect.stringMatching(/^\d+[mg]$/) } });
    }
  });

  it('runs every Hearth service from the image, behind tokens for /metrics and without public /docs by default', () => {
    const hearth = Object.entries(services).filter(([, service]) => service.build !== undefined).map(([name]) => name);

    expect(hearth.sort()).toEqual(HEARTH_SERVICES);
    for (const service of HEARTH_SERVICES) {
      expect(env(service)).toMatchObject({ METRICS_TOKEN: expect.stringMatching(/^\$\{METRICS_TOKEN:\?/), DOCS_ENABLED: '${DOCS_ENABLED:-false}' });
    }
  });
});
