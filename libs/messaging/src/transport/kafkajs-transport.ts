import { Admin, Consumer, IHeaders, Kafka, logLevel, Message, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import {
  BatchContext,
  ConsumerHooks,
  IncomingMessage,
  MessageConsumer,
  MessageProducer,
  MessageTransport,
  OutgoingMessage,
} from './message-transport';

export interface KafkaTransportOptions {
  clientId: string;
  brokers: string[];
  /** On for real Kafka; off for the test broker, which cannot answer InitProducerId (docs/architecture.md#the-kafka-test-broker). */
  idempotent: boolean;
  logger: Logger;
}

export class KafkaTransport implements MessageTransport {
  private readonly kafka: Kafka;
  /** The connection /health asks through, opened on the first check and kept (see isHealthy). */
  private healthAdmin?: Promise<Admin>;

  constructor(private readonly options: KafkaTransportOptions) {
    const log = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const { message, ...extra } = entry.log;
        const target = entry.level <= logLevel.ERROR ? log.error.bind(log) : log.warn.bind(log);
        target({ kafka: entry.namespace, ...extra }, message);
      },
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
  }

  producer(): MessageProducer {
    return new KafkaProducer(
      this.kafka.producer({
        idempotent: this.options.idempotent,
        maxInFlightRequests: this.options.idempotent ? 5 : 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: true,
      }),
    );
  }

  consumer(groupId: string): MessageConsumer {
    return new KafkaConsumer(
      // A short fetch wait: kafkajs waits up to 5 s by default when a fetch finds nothing, and the
      // test broker answers only when that wait is over, which would be the events' latency.
      // A 15 s session: a crashed instance's partitions go to the others after 15 s, not 30.
      this.kafka.consumer({ groupId, allowAutoTopicCreation: true, sessionTimeout: 15_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 50 }),
      this.options.logger,
    );
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      await withTimeout(admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: false }), 3_000);
    } catch (error) {
      this.options.logger.debug({ err: error, topics }, 'topic creation skipped; topics are created on first use');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * Asks the cluster for its metadata over one admin connection kept between checks, so a
   * monitor calling /health every few seconds does not open (and tear down) a connection to the
   * brokers each time. A failed check drops the connection; the next one opens a fresh one.
   */
  async isHealthy(): Promise<boolean> {
    this.healthAdmin ??= this.connectHealthAdmin();
    try {
      const admin = await this.healthAdmin;
      await withTimeout(admin.fetchTopicMetadata({ topics: [] }), 2_000);
      return true;
    } catch {
      // Not awaited: a broker that stopped answering would hold the disconnect for its request timeout.
      void this.closeHealthAdmin();
      return false;
    }
  }

  async close(): Promise<void> {
    await withTimeout(this.closeHealthAdmin(), 2_000).catch(() => undefined);
  }

  private async connectHealthAdmin(): Promise<Admin> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await withTimeout(admin.connect(), 2_000);
      return admin;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async closeHealthAdmin(): Promise<void> {
    const pending = this.healthAdmin;
    this.healthAdmin = undefined;
    const admin = await pending?.catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }
}

class KafkaProducer implements MessageProducer {
  constructor(private readonly producer: Producer) {}

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(messages: OutgoingMessage[]): Promise<void> {
    // One request per topic, in order: with one request in flight (or idempotence) the broker
    // appends them in this order, so each key's events keep their sequence.
    const byTopic = new Map<string, Message[]>();
    for (const { topic, key, value, headers } of messages) {
      const list = byTopic.get(topic) ?? [];
      if (list.length === 0) byTopic.set(topic, list);
      list.push({ key, value, headers });
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
  }

  disconnect(): Promise<void> {
    return withTimeout(this.producer.disconnect(), 5_000);
  }
}

class KafkaConsumer implements MessageConsumer {
  private running = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly consumer: Consumer,
    private readonly logger: Logger,
  ) {
    // kafkajs restarts by itself after a retriable crash; after any other crash it would stay
    // stopped, and the service would silently stop consuming.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || !this.running) return;
      this.logger.error({ err: payload.error }, 'consumer crashed; restarting it');
      clearTimeout(this.restartTimer);
      this.restartTimer = setTimeout(() => void this.restart(), 2_000);
    });
  }

  private topics: string[] = [];
  private onBatch?: (messages: IncomingMessage[], context: BatchContext) => Promise<void>;

  async run(topics: string[], onBatch: (messages: IncomingMessage[], context: BatchContext) => Promise<void>, hooks: ConsumerHooks = {}): Promise<void> {
    this.topics = topics;
    this.onBatch = onBatch;
    if (hooks.onAssignment) {
      const onAssignment = hooks.onAssignment;
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => void onAssignment().catch((error) => this.logger.warn({ err: error }, 'assignment hook failed')));
    }
    this.running = true;
    await this.connectAndRun();
  }

  private async connectAndRun(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    const onBatch = this.onBatch!;
    await this.consumer.run({
      autoCommit: true,
      // Partitions are independent streams (order is per key, so per partition): applying them in
      // parallel keeps up when each fetch brings only a few events per partition.
      partitionsConsumedConcurrently: 4,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }) => {
        const messages: IncomingMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString() ?? null,
          value: m.value?.toString() ?? null,
          headers: decodeHeaders(m.headers),
        }));
        await onBatch(messages, {
          markProcessed: (message) => resolveOffset(message.offset),
          heartbeat,
          isRunning: () => this.running && isRunning() && !isStale(),
          pause,
        });
      },
    });
  }

  private async restart(): Promise<void> {
    if (!this.running) return;
    try {
      await this.consumer.disconnect().catch(() => undefined);
      await this.connectAndRun();
    } catch (error) {
      this.logger.error({ err: error }, 'consumer restart failed; trying again');
      this.restartTimer = setTimeout(() => void this.restart(), 5_000);
    }
  }

  /** Leaves the group; a batch being applied finishes first. Bounded: a broker that died first
   *  must not hold the process up. */
  async disconnect(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    await withTimeout(this.consumer.disconnect(), 5_000).catch((error) => this.logger.warn({ err: error }, 'consumer did not leave the group cleanly'));
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) decoded[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return decoded;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
