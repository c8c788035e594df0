import { eventCatalogue, EventHeaders, EventEnvelope, envelopeSchema, validatePayload } from '@hearth/contracts';
import { correlationStorage } from '@hearth/platform';
import { UnitOfWork } from '@hearth/persistence';
import type { Logger } from 'pino';
import { BatchContext, IncomingMessage, MessageConsumer, MessageProducer } from '../transport/message-transport';
import { Subscription } from './event-subscriber';

export interface EventConsumerRunnerOptions {
  /** Consumer group and inbox `consumer` column, e.g. "units". */
  consumerName: string;
  dlqTopic: string;
  consumer: MessageConsumer;
  dlqProducer: MessageProducer;
  unitOfWork: UnitOfWork;
  subscriptions: Subscription[];
  logger: Logger;
  maxAttempts?: number;
  initialBackoffMs?: number;
  /** Told the outcome of each event once it is final (metrics). */
  onOutcome?: (eventType: string, outcome: ConsumeOutcome) => void;
}

/** applied: its effect committed; duplicate: seen before (inbox); dead_lettered: sent to the DLQ. */
export type ConsumeOutcome = 'applied' | 'duplicate' | 'dead_lettered';

class PoisonMessageError extends Error {}

const CHUNK_SIZE = 500;

type Delivery =
  | { kind: 'ignore' }
  | { kind: 'poison'; message: IncomingMessage; error: unknown }
  | { kind: 'apply'; message: IncomingMessage; envelope: EventEnvelope; subscription: Subscription };

type ApplyDelivery = Extract<Delivery, { kind: 'apply' }>;

/**
 * Consumes the subscribed topics. Each event's effect and its inbox row commit in one
 * transaction, so a redelivered event has no second effect; the offset is released for commit
 * only after that transaction. Failures retry with backoff; a message that still fails, or that
 * is malformed, goes to the service's DLQ so the partition keeps flowing.
 */
export class EventConsumerRunner {
  private readonly handlers = new Map<string, Subscription>();
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;

  constructor(private readonly options: EventConsumerRunnerOptions) {
    // Keyed by type and version: a consumer handles each version it knows side by side (a breaking
    // change is a new version), and ignores versions it does not subscribe to.
    for (const subscription of options.subscriptions) {
      const key = handlerKey(subscription.definition.type, subscription.definition.version);
      if (this.handlers.has(key)) throw new Error(`${options.consumerName}: two handlers for event type ${key}`);
      this.handlers.set(key, subscription);
    }
    const unhandled = eventCatalogue
      .all()
      .filter((definition) => [...this.handlers.values()].some((s) => s.definition.type === definition.type))
      .filter((definition) => !this.handlers.has(handlerKey(definition.type, definition.version)));
    for (const definition of unhandled) {
      options.logger.warn({ eventType: definition.type, version: definition.version }, `${options.consumerName} ignores ${handlerKey(definition.type, definition.version)}: no handler for that version`);
    }
    this.maxAttempts = options.maxAttempts ?? 5;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
  }

  get topics(): string[] {
    return [...new Set([...this.handlers.values()].map((s) => s.definition.topic))];
  }

  async start(): Promise<void> {
    if (this.handlers.size === 0) return;
    await this.options.dlqProducer.connect();
    await this.options.consumer.run(this.topics, (messages, context) => this.processBatch(messages, context));
  }

  async stop(): Promise<void> {
    await this.options.consumer.disconnect().catch(() => undefined);
    await this.options.dlqProducer.disconnect().catch(() => undefined);
  }

  /**
   * The fast path applies a whole chunk of the batch in one transaction (one commit instead of
   * hundreds). If anything in it fails, the chunk rolls back and its messages are applied one by
   * one with retries, so one bad event costs only itself.
   */
  private async processBatch(messages: IncomingMessage[], context: BatchContext): Promise<void> {
    for (let start = 0; start < messages.length; start += CHUNK_SIZE) {
      if (!context.isRunning()) return;
      const chunk = messages.slice(start, start + CHUNK_SIZE);
      const deliveries = chunk.map((message) => this.prepare(message));
      const toApply = deliveries.filter((d): d is ApplyDelivery => d.kind === 'apply');
      try {
        await this.applyAllOnce(toApply);
      } catch {
        for (const delivery of toApply) await this.applyWithRetries(delivery);
      }
      for (const delivery of deliveries) if (delivery.kind === 'poison') await this.deadLetter(delivery.message, delivery.error);
      for (const message of chunk) context.markProcessed(message);
      await context.heartbeat();
    }
  }

  private prepare(message: IncomingMessage): Delivery {
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(message);
    } catch (error) {
      return { kind: 'poison', message, error };
    }
    const subscription = this.handlers.get(handlerKey(envelope.type, envelope.version));
    if (!subscription || subscription.definition.topic !== message.topic) return { kind: 'ignore' };
    try {
      return { kind: 'apply', message, subscription, envelope: { ...envelope, payload: validatePayload(envelope.type, envelope.version, envelope.payload) } };
    } catch (error) {
      return { kind: 'poison', message, error };
    }
  }

  private async applyWithRetries(delivery: ApplyDelivery): Promise<void> {
    const { message, envelope } = delivery;
    const log = this.options.logger.child({ eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationId });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.applyAllOnce([delivery]);
        return;
      } catch (error) {
        if (attempt >= this.maxAttempts) {
          log.error({ err: error, attempt }, 'event handling failed; sending to the DLQ');
          return this.deadLetter(message, error);
        }
        const delay = this.initialBackoffMs * 2 ** (attempt - 1);
        log.warn({ err: error, attempt, retryInMs: delay }, 'event handling failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** One transaction for the deliveries (a chunk, or one event on the retry path): one multi-row
   *  inbox insert, then the handlers of the events it had not seen, in order. Events the handlers
   *  publish share the incoming correlation id and name the handled event as their cause. */
  private async applyAllOnce(deliveries: ApplyDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const outcomes = await this.options.unitOfWork.run(async (manager) => {
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type)
         SELECT $1, event_id, event_type FROM unnest($2::uuid[], $3::text[]) AS e(event_id, event_type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumerName, deliveries.map((d) => d.envelope.id), deliveries.map((d) => d.envelope.type)],
      );
      const unseen = new Set(fresh.map((row) => row.event_id));
      const outcomes: [string, ConsumeOutcome][] = [];
      for (const { envelope, subscription } of deliveries) {
        // PostgreSQL returns uuids in lower case; an envelope id may be written in upper case.
        if (!unseen.delete(envelope.id.toLowerCase())) {
          outcomes.push([envelope.type, 'duplicate']); // applied before, or twice in this chunk
          continue;
        }
        await correlationStorage.run({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
          subscription.handle(envelope as EventEnvelope<never>),
        );
        outcomes.push([envelope.type, 'applied']);
      }
      return outcomes;
    });
    for (const [type, outcome] of outcomes) this.options.onOutcome?.(type, outcome);
  }

  private async deadLetter(message: IncomingMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.options.logger.error({ topic: message.topic, partition: message.partition, offset: message.offset, reason }, 'message dead-lettered');
    await this.options.dlqProducer.send([
      {
        topic: this.options.dlqTopic,
        key: message.key ?? '',
        value: message.value ?? '',
        headers: {
          ...message.headers,
          [EventHeaders.dlqError]: reason.slice(0, 2_000),
          [EventHeaders.dlqConsumer]: this.options.consumerName,
          [EventHeaders.originalTopic]: message.topic,
          [EventHeaders.originalPartition]: String(message.partition),
          [EventHeaders.originalOffset]: message.offset,
        },
      },
    ]);
    this.options.onOutcome?.(message.headers[EventHeaders.eventType] ?? 'unknown', 'dead_lettered');
  }
}

function handlerKey(type: string, version: number): string {
  return `${type}@${version}`;
}

function parseEnvelope(message: IncomingMessage): EventEnvelope {
  if (!message.value) throw new PoisonMessageError('empty message');
  let json: unknown;
  try {
    json = JSON.parse(message.value);
  } catch {
    throw new PoisonMessageError('message is not JSON');
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) {
    throw new PoisonMessageError(`invalid envelope: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data as EventEnvelope;
}
