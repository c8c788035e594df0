import { CONSUMER_PROGRESS, ConsumerProgressSource } from '@hearth/platform';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { eventually } from './eventually';
import { queryDatabase } from './test-database';
import { requiredBrokers } from './topic-reader';
import type { TestApp } from './test-app';

/**
 * The positive signal a test waits for before it asserts that something did NOT happen: the
 * service has published everything it committed (its outbox is drained) and its consumer has
 * settled every event that was on its topics when this was called. After that, an effect or an
 * event that is still absent is absent for good — no fixed sleep involved.
 */
export async function settled(service: TestApp, timeoutMs = 90_000): Promise<void> {
  const runner = service.app.get<ConsumerProgressSource>(CONSUMER_PROGRESS, { strict: false }).runner;
  const admin = new Kafka({ clientId: 'test-settled', brokers: requiredBrokers().split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const targets = runner ? await endOffsets(admin, runner.topics) : [];
    await eventually(async () => {
      const [{ pending }] = await queryDatabase<{ pending: number }>(service.database, 'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL');
      if (pending > 0) throw new Error(`${pending} events not yet published`);
      if (!runner || targets.length === 0) return;
      // A restarted consumer resumes from its group's committed offsets without re-reading them.
      const committed = new Map<string, bigint>();
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: runner.consumerGroup, topics: runner.topics })) {
        for (const { partition, offset } of partitions) committed.set(`${topic}:${partition}`, BigInt(offset));
      }
      for (const { topic, partition, end } of targets) {
        const position = runner.position(topic, partition);
        const resumedAt = committed.get(`${topic}:${partition}`) ?? -1n;
        if (position < end && resumedAt < end) throw new Error(`consumer at ${position} of ${end} on ${topic}[${partition}]`);
      }
    }, timeoutMs);
  } finally {
    await admin.disconnect();
  }
}

async function endOffsets(admin: Admin, topics: string[]): Promise<{ topic: string; partition: number; end: bigint }[]> {
  const ends = [];
  for (const topic of topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > 0n) ends.push({ topic, partition, end: BigInt(high) });
    }
  }
  return ends;
}
