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
