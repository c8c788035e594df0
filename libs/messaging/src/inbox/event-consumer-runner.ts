import { EventHeaders, EventEnvelope, envelopeSchema, eventCatalogue, PayloadValidationError } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { correlationStorage, isTransientError } from '@hearth/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { BatchContext, IncomingMessage, MessageConsumer, MessageProducer } from '../transport/message-transport';
import { Subscription } from './event-subscriber';
import { ParkedEvent, ParkedEvents } from './parked-events';

export interface EventConsumerRunnerOptions {
  /** Consumer group and inbox `consumer` column, e.g. "units". */
  consumerName: string;
  dlqTopic: string;
  consumer: MessageConsumer;
  dlqProducer: MessageProducer;
  unitOfWork: UnitOfWork;
  parkedEvents: ParkedEvents;
  subscriptions: Subscription[];
  logger: Logger;
  /** Attempts at an event whose handler fails deterministically before it is dead-lettered. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  /** Longest wait between two tries while the database (or another dependency) is unavailable. */
  maxTransientBackoffMs?: number;
  /** How often held events are tried again (a newer consumer may run by then). */
  heldRetryIntervalMs?: number;
  /** Told the outcome of each event once it is final (metrics). */
  onOutcome?: (eventType: string, outcome: ConsumeOutcome) => void;
}

/**
 * applied: its effect committed; duplicate: seen before (inbox); dead_lettered: refused for good
 * (DLQ); held: a version this consumer does not understand yet, kept until one that does runs.
 */
export type ConsumeOutcome = 'applied' | 'duplicate' | 'dead_lettered' | 'held';

class PoisonMessageError extends Error {}

const CHUNK_SIZE = 500;

type Delivery =
  | { kind: 'ignore'; message: IncomingMessage }
  | { kind: 'poison'; message: IncomingMessage; error: unknown }
  | { kind: 'held'; message: IncomingMessage; reason: string }
  | { kind: 'apply'; message: IncomingMessage; envelope: EventEnvelope; subscription: Subscription };

type ApplyDelivery = Extract<Delivery, { kind: 'apply' }>;

/** What one replay of a dead letter or held event came to. */
export interface ReplayResult {
  id: string;
  eventId: string | null;
  outcome: 'applied' | 'duplicate' | 'failed' | 'still_unknown' | 'ignored';
  error?: string;
}

/**
 * Consumes the subscribed topics. Each event's effect and its inbox row commit in one
 * transaction, so a redelivered event has no second effect; the offset is released for commit
 * only after that transaction.
 *
 * Failures are classified. A transient one (the database down or failing over, a deadlock, a
 * lock or Redis timeout, the broker unreachable) is waited out: the partition is paused, the group
 * membership kept alive by heartbeats, and the same events are tried again with capped backoff
 * until they apply — never dead-lettered. A deterministic one (a malformed envelope or payload, a
 * handler that keeps refusing the event) goes to the DLQ after `maxAttempts`, so the partition
 * keeps flowing; it is kept in parked_events and can be replayed. A version of an event type this
 * consumer does not know yet is held, with every later event of the same aggregate, and applied in
 * order once a consumer that understands it runs.
 */
export class EventConsumerRunner {
  /** Handlers by `type@version`. */
  private readonly handlers = new Map<string, Subscription>();
  /** Event types this consumer subscribes to, in any version: their topic and the highest version handled. */
  private readonly subscribedTypes = new Map<string, { topic: string; highestVersion: number }>();
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly maxTransientBackoffMs: number;
  private heldKeys = new Set<string>();
  /** Serialises changes to heldKeys (parking vs. recomputing after a release). */
  private heldLock: Promise<unknown> = Promise.resolve();
  private heldTimer?: NodeJS.Timeout;
  private releasing?: Promise<void>;
  private stopped = false;
  /** The next offset to read on each partition, once the events before it are settled. */
  private readonly positions = new Map<string, bigint>();

  constructor(private readonly options: EventConsumerRunnerOptions) {
    for (const subscription of options.subscriptions) {
      const key = handlerKey(subscription.definition.type, subscription.definition.version);
      if (this.handlers.has(key)) throw new Error(`${options.consumerName}: two handlers for event type ${key}`);
      this.handlers.set(key, subscription);
      const { type, version, topic } = subscription.definition;
      this.subscribedTypes.set(type, { topic, highestVersion: Math.max(version, this.subscribedTypes.get(type)?.highestVersion ?? 0) });
    }
    // Versions of subscribed types this consumer has no handler for: a newer one is held until a
    // consumer that understands it runs; an older one (no longer published) is ignored.
    for (const definition of eventCatalogue.all()) {
      const subscribed = this.subscribedTypes.get(definition.type);
      if (!subscribed || this.handlers.has(handlerKey(definition.type, definition.version))) continue;
      const what = handlerKey(definition.type, definition.version);
      options.logger.warn(
        { eventType: definition.type, version: definition.version },
        definition.version > subscribed.highestVersion
          ? `${options.consumerName} holds ${what} until a consumer that handles it runs`
          : `${options.consumerName} ignores ${what}: no handler for that older version`,
      );
    }
    this.maxAttempts = options.maxAttempts ?? 5;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
    this.maxTransientBackoffMs = options.maxTransientBackoffMs ?? 10_000;
  }

  /** Where this consumer stands on a partition: every event before this offset is settled
   *  (applied, dead-lettered, held or ignored). Lets tests wait for a positive signal. */
  position(topic: string, partition: number): bigint {
    return this.positions.get(`${topic}:${partition}`) ?? 0n;
  }

  get consumerGroup(): string {
    return this.options.consumerName;
  }

  get topics(): string[] {
    return [...new Set([...this.subscribedTypes.values()].map((subscribed) => subscribed.topic))];
  }

  async start(): Promise<void> {
    if (this.handlers.size === 0) return;
    this.stopped = false;
    await this.options.dlqProducer.connect();
    await this.releaseHeld().catch((error) => this.options.logger.warn({ err: error }, 'held events not released yet; will retry'));
    await this.options.consumer.run(this.topics, (messages, context) => this.processBatch(messages, context), {
      // Another instance may have held events of the partitions this one now owns.
      onAssignment: () => this.refreshHeldKeys(),
    });
    this.heldTimer = setInterval(() => void this.releaseHeld().catch(() => undefined), this.options.heldRetryIntervalMs ?? 30_000);
    this.heldTimer.unref();
  }

  /** Stops taking messages; an event being applied finishes first (bounded by the transport). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heldTimer);
    await this.options.consumer.disconnect().catch(() => undefined);
    await this.releasing?.catch(() => undefined);
    await this.options.dlqProducer.disconnect().catch(() => undefined);
  }

  /**
   * The fast path applies a whole chunk of the batch in one transaction (one commit instead of
   * hundreds). If it fails for a transient reason the chunk is tried again as a whole once the
   * dependency is back; otherwise it rolls back and its events are applied one by one, so one bad
   * event costs only itself.
   */
  private async processBatch(messages: IncomingMessage[], context: BatchContext): Promise<void> {
    for (let start = 0; start < messages.length; start += CHUNK_SIZE) {
      if (!this.running(context)) return;
      const chunk = messages.slice(start, start + CHUNK_SIZE);
      const deliveries = this.prepareChunk(chunk);
      const toApply = deliveries.filter((d): d is ApplyDelivery => d.kind === 'apply');
      const chunkApplied = await this.untilNotTransient(context, async () => void (await this.applyAllOnce(toApply)));
      if (chunkApplied === 'stopped') return;
      for (const delivery of deliveries) {
        const done = await this.settle(delivery, chunkApplied.ok, context);
        if (done === 'stopped') return;
        context.markProcessed(delivery.message);
        this.positions.set(`${delivery.message.topic}:${delivery.message.partition}`, BigInt(delivery.message.offset) + 1n);
      }
      await context.heartbeat();
    }
  }

  /** Finishes one delivery of a chunk whose fast path failed (or a non-apply delivery). */
  private async settle(delivery: Delivery, chunkApplied: boolean, context: BatchContext): Promise<'done' | 'stopped'> {
    switch (delivery.kind) {
      case 'ignore':
        return 'done';
      case 'poison':
        return this.untilNotTransient(context, () => this.deadLetter(delivery.message, delivery.error, 1)).then(settled);
      case 'held':
        return this.untilNotTransient(context, () => this.hold(delivery.message, delivery.reason)).then(settled);
      case 'apply':
        return chunkApplied ? 'done' : this.applyWithRetries(delivery, context);
    }
  }

  private prepare(message: IncomingMessage): Delivery {
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(message);
    } catch (error) {
      return { kind: 'poison', message, error };
    }
    const subscribed = this.subscribedTypes.get(envelope.type);
    if (subscribed === undefined || subscribed.topic !== message.topic) return { kind: 'ignore', message };
    const subscription = this.handlers.get(handlerKey(envelope.type, envelope.version));
    if (!subscription && envelope.version < subscribed.highestVersion) return { kind: 'ignore', message };
    if (!subscription) {
      const known = eventCatalogue.find(envelope.type, envelope.version) ? 'known to the catalogue but not handled here' : 'unknown to this consumer';
      return { kind: 'held', message, reason: `${envelope.type} version ${envelope.version} is ${known}` };
    }
    // The handler's own definition is the contract it understands.
    const payload = subscription.definition.payload.safeParse(envelope.payload);
    if (!payload.success) {
      return { kind: 'poison', message, error: new PayloadValidationError(envelope.type, payload.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)) };
    }
    return { kind: 'apply', message, subscription, envelope: { ...envelope, payload: payload.data } };
  }

  /** Keeps per-aggregate order: an event whose aggregate has a held event (before, or earlier in
   *  this chunk) waits behind it. */
  private prepareChunk(chunk: IncomingMessage[]): Delivery[] {
    const held = new Set(this.heldKeys);
    return chunk.map((message) => {
      const delivery = this.prepare(message);
      const key = message.key;
      if (key === null) return delivery;
      if (delivery.kind === 'held') held.add(key);
      if (delivery.kind !== 'apply' || !held.has(key)) return delivery;
      return { kind: 'held', message, reason: `waits behind a held event of aggregate ${key}` };
    });
  }

  /**
   * A deterministic failure is tried `maxAttempts` times with backoff, then dead-lettered; a
   * transient one is tried until it succeeds (and does not count as an attempt).
   */
  private async applyWithRetries(delivery: ApplyDelivery, context: BatchContext): Promise<'done' | 'stopped'> {
    const { message, envelope } = delivery;
    const log = this.options.logger.child({ eventId: envelope.id, eventType: envelope.type, correlationId: envelope.correlationId });
    for (let attempt = 1; ; attempt++) {
      const result = await this.untilNotTransient(context, async () => void (await this.applyAllOnce([delivery])));
      if (result === 'stopped') return 'stopped';
      if (result.ok) return 'done';
      if (attempt >= this.maxAttempts) {
        log.error({ err: result.error, attempt }, 'event handling keeps failing; sending it to the DLQ');
        return this.untilNotTransient(context, () => this.deadLetter(message, result.error, attempt)).then(settled);
      }
      const delay = this.initialBackoffMs * 2 ** (attempt - 1);
      log.warn({ err: result.error, attempt, retryInMs: delay }, 'event handling failed; retrying');
      await sleep(delay);
      await context.heartbeat();
    }
  }

  /**
   * Runs `work` until it succeeds or fails deterministically; while it fails transiently the
   * partition is paused and heartbeats keep the membership. Resolves 'stopped' when the consumer
   * stops or loses the partition meanwhile (its offsets are not committed: redelivered later).
   */
  private async untilNotTransient(context: BatchContext, work: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown } | 'stopped'> {
    let backoffMs = 100;
    let resume: (() => void) | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await work();
          return { ok: true };
        } catch (error) {
          if (!isTransientError(error)) return { ok: false, error };
          if (attempt === 1 || attempt % 10 === 0) {
            this.options.logger.warn({ err: error, attempt, retryInMs: backoffMs }, 'a dependency is unavailable; waiting, then trying the same events again');
          }
          resume ??= context.pause?.();
        }
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, this.maxTransientBackoffMs);
        if (!this.running(context)) return 'stopped';
        await context.heartbeat();
      }
    } finally {
      resume?.();
    }
  }

  private running(context: BatchContext): boolean {
    return !this.stopped && context.isRunning();
  }

  /** One transaction for the deliveries (a chunk, or one event on the retry path): one multi-row
   *  inbox insert, then the handlers of the events it had not seen, in order. Events the handlers
   *  publish share the incoming correlation id and name the handled event as their cause. */
  private async applyAllOnce(deliveries: ApplyDelivery[], inSameTransaction?: (manager: EntityManager) => Promise<void>): Promise<ConsumeOutcome[]> {
    if (deliveries.length === 0) return [];
    const outcomes = await this.options.unitOfWork.run(async (manager) => {
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type)
         SELECT $1, event_id, event_type FROM unnest($2::uuid[], $3::text[]) AS e(event_id, event_type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumerName, deliveries.map((d) => d.envelope.id), deliveries.map((d) => d.envelope.type)],
      );
      const unseen = new Set(fresh.map((row) => row.event_id));
      const outcomes: ConsumeOutcome[] = [];
      for (const { envelope, subscription } of deliveries) {
        // PostgreSQL returns uuids in lower case; an envelope id may be written in upper case.
        if (!unseen.delete(envelope.id.toLowerCase())) {
          outcomes.push('duplicate'); // applied before, or twice in this chunk
          continue;
        }
        await correlationStorage.run({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
          subscription.handle(envelope as EventEnvelope<never>),
        );
        outcomes.push('applied');
      }
      await inSameTransaction?.(manager);
      return outcomes;
    });
    deliveries.forEach((delivery, i) => this.options.onOutcome?.(delivery.envelope.type, outcomes[i]));
    return outcomes;
  }

  /** Records the dead letter (parked_events, replayable) and copies it to the DLQ topic. */
  private async deadLetter(message: IncomingMessage, error: unknown, attempts: number): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await this.options.parkedEvents.park(message, 'dead_letter', reason, attempts);
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

  private async hold(message: IncomingMessage, reason: string): Promise<void> {
    await this.withHeldLock(async () => {
      await this.options.parkedEvents.park(message, 'held', reason, 0);
      if (message.key !== null) this.heldKeys.add(message.key);
    });
    this.options.logger.warn({ topic: message.topic, partition: message.partition, offset: message.offset, reason }, 'event held until a consumer that understands it runs');
    this.options.onOutcome?.(message.headers[EventHeaders.eventType] ?? 'unknown', 'held');
  }

  private refreshHeldKeys(): Promise<void> {
    return this.withHeldLock(async () => {
      this.heldKeys = await this.options.parkedEvents.heldKeys();
    });
  }

  private withHeldLock<T>(work: () => Promise<T>): Promise<T> {
    const run = this.heldLock.then(work, work);
    this.heldLock = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies, in the order they were held, the held events this consumer now understands (and the
   * events held behind them); an aggregate whose first held event is still not understood keeps
   * all of its events held.
   */
  releaseHeld(): Promise<void> {
    this.releasing ??= this.releaseHeldOnce().finally(() => (this.releasing = undefined));
    return this.releasing;
  }

  private async releaseHeldOnce(): Promise<void> {
    const blockedKeys = new Set<string>();
    for (const parked of await this.options.parkedEvents.openHeld()) {
      if (this.stopped) return;
      const key = parked.message.key;
      if (key !== null && blockedKeys.has(key)) continue;
      const result = await this.applyParked(parked);
      if (result.outcome === 'still_unknown' || result.outcome === 'failed') {
        if (key !== null) blockedKeys.add(key);
      }
    }
    await this.refreshHeldKeys();
  }

  /**
   * Replays dead letters (all open ones, or those with the given event ids or row ids) through the
   * same inbox, so a replay is applied at most once. A dead letter that fails again stays open.
   */
  async replayDeadLetters(ids?: string[]): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const parked of await this.options.parkedEvents.open('dead_letter', ids)) {
      results.push(await this.applyParked(parked, 'replayed'));
    }
    return results;
  }

  private async applyParked(parked: ParkedEvent & { message: IncomingMessage }, resolution: 'applied' | 'replayed' = 'applied'): Promise<ReplayResult> {
    const { id, eventId, message } = parked;
    const delivery = this.prepare(message);
    const resolve = (manager?: Parameters<ParkedEvents['resolve']>[2]) => this.options.parkedEvents.resolve(id, resolution, manager);
    switch (delivery.kind) {
      case 'held':
        return { id, eventId, outcome: 'still_unknown', error: delivery.reason };
      case 'ignore':
        await resolve();
        return { id, eventId, outcome: 'ignored' };
      case 'poison': {
        const error = delivery.error instanceof Error ? delivery.error.message : String(delivery.error);
        await this.options.parkedEvents.recordFailedAttempt(id, error);
        return { id, eventId, outcome: 'failed', error };
      }
      case 'apply':
        try {
          const [outcome] = await this.applyAllOnce([delivery], (manager) => resolve(manager));
          return { id, eventId, outcome: outcome === 'duplicate' ? 'duplicate' : 'applied' };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (!isTransientError(error)) await this.options.parkedEvents.recordFailedAttempt(id, reason).catch(() => undefined);
          return { id, eventId, outcome: 'failed', error: reason };
        }
    }
  }
}

function handlerKey(type: string, version: number): string {
  return `${type}@${version}`;
}

function settled(result: { ok: true } | { ok: false; error: unknown } | 'stopped'): 'done' | 'stopped' {
  if (result === 'stopped') return 'stopped';
  if (!result.ok) throw result.error; // the DLQ or the parking table refused for a reason that will not pass
  return 'done';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
