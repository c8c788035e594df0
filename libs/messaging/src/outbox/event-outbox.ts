import { ActorRef, EventDefinition, EventEnvelope, EventHeaders, PayloadOf, validatePayload } from '@hearth/contracts';
import { correlationStorage } from '@hearth/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export const OUTBOX_CHANNEL = 'hearth_outbox';

export interface NewEvent<D extends EventDefinition = EventDefinition> {
  event: D;
  aggregateId: string;
  aggregateVersion: number;
  payload: PayloadOf<D>;
  actor: ActorRef;
}

/** Builds a typed event for `EventOutbox.append`; the payload type follows the definition. */
export function newEvent<D extends EventDefinition>(event: D, fields: Omit<NewEvent<D>, 'event'>): NewEvent<D> {
  return { event, ...fields };
}

/**
 * Writes events into the outbox table inside the caller's transaction, so they are published
 * if and only if the state change commits. Payloads are validated against the catalogue here,
 * before anything reaches the broker.
 */
export class EventOutbox {
  constructor(private readonly source: string) {}

  async append(manager: EntityManager, events: NewEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const context = correlationStorage.getStore();
    const correlationId = context?.correlationId ?? randomUUID();
    const envelopes: EventEnvelope[] = events.map((e) => ({
      id: uuidv7(),
      type: e.event.type,
      version: e.event.version,
      source: this.source,
      aggregateType: e.event.aggregateType,
      aggregateId: e.aggregateId,
      aggregateVersion: e.aggregateVersion,
      occurredAt: new Date().toISOString(),
      correlationId,
      causationId: context?.causationId ?? null,
      actor: { id: e.actor.id, role: e.actor.role },
      payload: validatePayload(e.event.type, e.event.version, e.payload),
    }));
    const values: unknown[] = [];
    const rows = envelopes.map((envelope, i) => {
      values.push(envelope.id, events[i].event.topic, envelope.aggregateId, envelope.type, JSON.stringify(envelope), JSON.stringify(kafkaHeaders(envelope)));
      const p = i * 6;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
    });
    await manager.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, envelope, headers) VALUES ${rows.join(', ')}`,
      values,
    );
    // Delivered to the relay only when the transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    return envelopes;
  }
}

/**
 * Erasure: replaces the payload of every event an aggregate has in the outbox (the copies kept
 * once published) with `payload`, keeping the envelope (type, ids, dates, actor). Call with the
 * aggregate's row locked, once `unpublishedEventsOf` is 0, so no row can still go on the wire.
 */
export async function redactOutboxPayloads(manager: EntityManager, aggregateId: string, payload: Record<string, unknown>): Promise<number> {
  const [, redacted] = await manager.query<[unknown[], number]>(
    `UPDATE outbox SET envelope = (envelope::jsonb || jsonb_build_object('payload', $2::jsonb))::json WHERE message_key = $1`,
    [aggregateId, JSON.stringify(payload)],
  );
  return redacted;
}

/** How many of an aggregate's events the relay has not published yet. */
export async function unpublishedEventsOf(manager: EntityManager, aggregateId: string): Promise<number> {
  const [{ count }] = await manager.query<{ count: number }[]>('SELECT count(*)::int AS count FROM outbox WHERE message_key = $1 AND published_at IS NULL', [aggregateId]);
  return count;
}

/** What the relay sends as Kafka headers: enough to route and trace without parsing the value. */
function kafkaHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    [EventHeaders.eventId]: envelope.id,
    [EventHeaders.eventType]: envelope.type,
    [EventHeaders.eventVersion]: String(envelope.version),
    [EventHeaders.correlationId]: envelope.correlationId,
  };
  if (envelope.causationId) headers[EventHeaders.causationId] = envelope.causationId;
  return headers;
}
