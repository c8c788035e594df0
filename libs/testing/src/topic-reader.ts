import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eventually } from './eventually';

const run = promisify(execFile);

export interface TopicMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
}

/**
 * Reads a topic from the beginning with kcat (no consumer group, so no join delay and no effect
 * on the services' offsets). Tests use it to assert what was, and was not, published.
 */
export async function readTopic(topic: string, brokers = requiredBrokers()): Promise<TopicMessage[]> {
  const { stdout } = await run('kcat', ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-J', '-q'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      const raw = JSON.parse(line) as { topic: string; partition: number; offset: number; key: string | null; headers?: string[]; payload: string | null };
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < (raw.headers?.length ?? 0); i += 2) headers[raw.headers![i]] = raw.headers![i + 1];
      return { topic: raw.topic, partition: raw.partition, offset: raw.offset, key: raw.key, headers, value: raw.payload };
    });
}

/** The Hearth events on a topic (malformed messages skipped), optionally for one aggregate. */
export async function readEvents<P = Record<string, unknown>>(topic: string, aggregateId?: string): Promise<TestEvent<P>[]> {
  const events: TestEvent<P>[] = [];
  for (const message of await readTopic(topic)) {
    try {
      const event = JSON.parse(message.value ?? '') as TestEvent<P>;
      if (!aggregateId || event.aggregateId === aggregateId) events.push({ ...event, headers: message.headers });
    } catch {
      // not an event envelope
    }
  }
  return events;
}

export interface TestEvent<P = Record<string, unknown>> {
  id: string;
  type: string;
  /** The version of the event type (its schema), e.g. 2 for AgreementSigned with coverage. */
  version: number;
  aggregateId: string;
  aggregateVersion: number;
  correlationId: string;
  causationId: string | null;
  actor: { id: string; role: string };
  payload: P;
  headers: Record<string, string>;
}

/** Waits until the aggregate's events on the topic include every type named, in that order. */
export async function waitForEvents(topic: string, aggregateId: string, types: string[], timeoutMs = 15_000): Promise<TestEvent[]> {
  return eventually(async () => {
    const events = await readEvents(topic, aggregateId);
    const seen = events.map((e) => e.type);
    if (types.some((type) => !seen.includes(type))) throw new Error(`expected ${types.join(', ')} on ${topic}; saw ${seen.join(', ') || 'nothing'}`);
    return events;
  }, timeoutMs);
}

export function requiredBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through Jest (its global setup starts the test broker)');
  return brokers;
}
