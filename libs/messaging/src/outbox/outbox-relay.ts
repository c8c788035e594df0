import { EventHeaders } from '@hearth/contracts';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { MessageProducer, OutgoingMessage } from '../transport/message-transport';
import { OUTBOX_CHANNEL } from './event-outbox';

export interface OutboxRelayOptions {
  connectionString: string;
  producer: MessageProducer;
  logger: Logger;
  batchSize?: number;
  /** Safety net behind LISTEN/NOTIFY: how often to look for rows when nothing woke us. */
  pollIntervalMs?: number;
  /** How often a follower tries to take over leadership. */
  leadershipRetryMs?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  /** The envelope as stored, sent as is (no parse and re-serialise). */
  value: string;
  event_id: string;
  event_type: string;
  event_version: string;
  correlation_id: string;
  causation_id: string | null;
}

/** Same key in every instance of a service: they share the service's database. */
const RELAY_LOCK_KEY = 0x4f55_5442; // "OUTB"

/**
 * Publishes outbox rows in commit order and marks them published. One instance per service is
 * the leader (a session advisory lock on its own connection); the others wait to take over.
 * A failed send is retried with backoff from the same row, so nothing is skipped; a crash
 * between send and mark re-sends, which the consumers' inbox absorbs.
 */
export class OutboxRelay {
  private client?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Set by NOTIFY; checked before idling so a wake-up that came mid-batch is not lost. */
  private notified = false;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leadershipRetryMs: number;
  isLeader = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.leadershipRetryMs = options.leadershipRetryMs ?? 2_000;
  }

  async start(): Promise<void> {
    await this.options.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.closeConnection();
    await this.options.producer.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoffMs = 100;
    while (this.running) {
      try {
        if (!this.isLeader && !(await this.tryToLead())) {
          await this.sleep(this.leadershipRetryMs);
          continue;
        }
        const published = await this.publishBatch();
        backoffMs = 100;
        if (published < this.batchSize && !this.notified) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        this.options.logger.warn({ err: error, retryInMs: backoffMs }, 'outbox relay: publish failed, will retry');
        await this.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
        if (!(await this.connectionAlive())) await this.closeConnection();
      }
    }
  }

  private async tryToLead(): Promise<boolean> {
    const client = await this.connection();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
    this.isLeader = rows[0].locked;
    if (this.isLeader) {
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.options.logger.info('outbox relay: leading');
    }
    return this.isLeader;
  }

  private async publishBatch(): Promise<number> {
    const client = await this.connection();
    this.notified = false;
    const { rows } = await client.query<OutboxRow>(
      `SELECT seq, topic, message_key, envelope::text AS value, event_id, event_type, envelope->>'version' AS event_version,
              envelope->>'correlationId' AS correlation_id, envelope->>'causationId' AS causation_id
         FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    await this.options.producer.send(rows.map(toMessage));
    await client.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
    return rows.length;
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.connectionString });
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'outbox relay: connection lost'));
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async connectionAlive(): Promise<boolean> {
    try {
      await this.client?.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async closeConnection(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.isLeader = false; // the session lock goes with the connection
    await client?.end().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function toMessage(row: OutboxRow): OutgoingMessage {
  const headers: Record<string, string> = {
    [EventHeaders.eventId]: row.event_id,
    [EventHeaders.eventType]: row.event_type,
    [EventHeaders.eventVersion]: row.event_version,
    [EventHeaders.correlationId]: row.correlation_id,
  };
  if (row.causation_id) headers[EventHeaders.causationId] = row.causation_id;
  return { topic: row.topic, key: row.message_key, value: row.value, headers };
}
