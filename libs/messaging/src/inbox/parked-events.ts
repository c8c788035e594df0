import { EventHeaders } from '@hearth/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { IncomingMessage } from '../transport/message-transport';

export type ParkedKind = 'dead_letter' | 'held';

export interface ParkedEvent {
  id: string;
  consumer: string;
  kind: ParkedKind;
  eventId: string | null;
  eventType: string | null;
  eventVersion: number | null;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  error: string;
  attempts: number;
  parkedAt: string;
  resolvedAt: string | null;
  resolution: 'applied' | 'replayed' | 'discarded' | null;
}

interface ParkedRow {
  id: string;
  consumer: string;
  kind: ParkedKind;
  event_id: string | null;
  event_type: string | null;
  event_version: number | null;
  topic: string;
  partition: number;
  message_offset: string;
  message_key: string | null;
  value: string | null;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  parked_at: Date;
  resolved_at: Date | null;
  resolution: ParkedEvent['resolution'];
}

/** The consumer's dead letters and held events, in the service's own database (table parked_events). */
export class ParkedEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {}

  /** Parks a message; parking the same message twice (a redelivery) keeps the first row. */
  async park(message: IncomingMessage, kind: ParkedKind, error: string, attempts: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const identity = identify(message);
    await manager.query(
      `INSERT INTO parked_events (consumer, kind, event_id, event_type, event_version, topic, partition, message_offset, message_key, value, headers, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (consumer, topic, partition, message_offset) DO NOTHING`,
      [
        this.consumer,
        kind,
        identity.id,
        identity.type,
        identity.version,
        message.topic,
        message.partition,
        message.offset,
        message.key,
        message.value,
        JSON.stringify(message.headers),
        error.slice(0, 2_000),
        attempts,
      ],
    );
  }

  /** The keys (aggregate ids) that have a held event waiting: later events of the same key wait behind it. */
  async heldKeys(): Promise<Set<string>> {
    const rows: { message_key: string }[] = await this.dataSource.query(
      `SELECT DISTINCT message_key FROM parked_events WHERE consumer = $1 AND kind = 'held' AND resolved_at IS NULL AND message_key IS NOT NULL`,
      [this.consumer],
    );
    return new Set(rows.map((row) => row.message_key));
  }

  async openHeld(): Promise<(ParkedEvent & { message: IncomingMessage })[]> {
    return this.open('held');
  }

  async open(kind: ParkedKind, ids?: string[]): Promise<(ParkedEvent & { message: IncomingMessage })[]> {
    const rows: ParkedRow[] = await this.dataSource.query(
      `SELECT * FROM parked_events WHERE consumer = $1 AND kind = $2 AND resolved_at IS NULL ${ids ? 'AND (event_id::text = ANY($3) OR id::text = ANY($3))' : ''} ORDER BY id`,
      ids ? [this.consumer, kind, ids] : [this.consumer, kind],
    );
    return rows.map((row) => ({ ...toView(row), message: toMessage(row) }));
  }

  async list(kind: ParkedKind, includeResolved: boolean, limit: number): Promise<ParkedEvent[]> {
    const rows: ParkedRow[] = await this.dataSource.query(
      `SELECT * FROM parked_events WHERE consumer = $1 AND kind = $2 ${includeResolved ? '' : 'AND resolved_at IS NULL'} ORDER BY id LIMIT $3`,
      [this.consumer, kind, limit],
    );
    return rows.map(toView);
  }

  async resolve(id: string, resolution: 'applied' | 'replayed' | 'discarded', manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE parked_events SET resolved_at = now(), resolution = $2 WHERE id = $1 AND resolved_at IS NULL', [id, resolution]);
  }

  async recordFailedAttempt(id: string, error: string): Promise<void> {
    await this.dataSource.query('UPDATE parked_events SET attempts = attempts + 1, error = $2 WHERE id = $1', [id, error.slice(0, 2_000)]);
  }

  async countOpen(): Promise<Record<ParkedKind, number>> {
    const rows: { kind: ParkedKind; n: number }[] = await this.dataSource.query(
      `SELECT kind, count(*)::int AS n FROM parked_events WHERE consumer = $1 AND resolved_at IS NULL GROUP BY kind`,
      [this.consumer],
    );
    const counts: Record<ParkedKind, number> = { dead_letter: 0, held: 0 };
    for (const row of rows) counts[row.kind] = row.n;
    return counts;
  }
}

/** The event's id, type and version from the Kafka headers, or from the envelope when a producer
 *  sent no headers (best effort: a malformed message has none). */
function identify(message: IncomingMessage): { id: string | null; type: string | null; version: number | null } {
  let envelope: { id?: unknown; type?: unknown; version?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(message.value ?? '');
    if (parsed && typeof parsed === 'object') envelope = parsed;
  } catch {
    // not JSON
  }
  const version = Number(message.headers[EventHeaders.eventVersion] ?? envelope.version);
  const type = message.headers[EventHeaders.eventType] ?? (typeof envelope.type === 'string' ? envelope.type : null);
  return {
    id: asUuid(message.headers[EventHeaders.eventId] ?? (typeof envelope.id === 'string' ? envelope.id : undefined)),
    type: type ? type.slice(0, 200) : null,
    version: Number.isInteger(version) ? version : null,
  };
}

function asUuid(value: string | undefined): string | null {
  return value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : null;
}

function toView(row: ParkedRow): ParkedEvent {
  return {
    id: String(row.id),
    consumer: row.consumer,
    kind: row.kind,
    eventId: row.event_id,
    eventType: row.event_type,
    eventVersion: row.event_version,
    topic: row.topic,
    partition: row.partition,
    offset: row.message_offset,
    key: row.message_key,
    error: row.error,
    attempts: row.attempts,
    parkedAt: new Date(row.parked_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolution: row.resolution,
  };
}

function toMessage(row: ParkedRow): IncomingMessage {
  return { topic: row.topic, partition: row.partition, offset: row.message_offset, key: row.message_key, value: row.value, headers: row.headers };
}
