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
  /**
   * After a wake-up, how long to let further commits gather before reading (Kafka's linger.ms):
   * a burst then goes out as one produce request, i.e. one record batch per partition, instead
   * of many tiny ones that each cost the consumers a fetch and a transaction.
   */
  lingerMs?: number;
  /** Told how many events each acknowledged batch held (metrics). */
  onPublished?: (count: number) => void;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  /** The envelope as stored, sent as is (no parse and re-serialise). */
  value: string;
  headers: Record<string, string>;
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
  /** The leader's connection: holds the advisory lock, LISTENs, reads the outbox. */
  private client?: Client;
  /** Marks rows published while the leader's connection reads the next batch. */
  private marker?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Set by NOTIFY; checked before idling so a wake-up that came mid-batch is not lost. */
  private notified = false;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leadershipRetryMs: number;
  private readonly lingerMs: number;
  isLeader = false;
  /** How many times this relay has asked for leadership (lets a test see a follower has tried). */
  leadershipAttempts = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.leadershipRetryMs = options.leadershipRetryMs ?? 2_000;
    this.lingerMs = options.lingerMs ?? 20;
  }

  /** Starts the loop and returns at once: a broker or database that is down at start-up is
   *  waited for by the loop, not by the service's start-up. */
  async start(): Promise<void> {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in flight (bounded: a frozen broker must not hold a shutdown up). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
    clearTimeout(timer);
    await this.closeConnection();
    await this.options.producer.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoffMs = 100;
    let connected = false;
    while (this.running) {
      try {
        if (!connected) {
          await this.options.producer.connect();
          connected = true;
        }
        if (!this.isLeader && !(await this.tryToLead())) {
          await this.sleep(this.leadershipRetryMs);
          continue;
        }
        await this.drain();
        backoffMs = 100;
        if (!this.notified) await this.sleep(this.pollIntervalMs);
        if (this.lingerMs > 0 && this.running) await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
      } catch (error) {
        this.options.logger.warn({ err: error, retryInMs: backoffMs }, 'outbox relay: publish failed, will retry');
        await this.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
        await this.closeMarker();
        if (!(await this.connectionAlive())) await this.closeConnection();
      }
    }
  }

  private async tryToLead(): Promise<boolean> {
    this.leadershipAttempts += 1;
    const client = await this.connection();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
    this.isLeader = rows[0].locked;
    if (this.isLeader) {
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.options.logger.info('outbox relay: leading');
    }
    return this.isLeader;
  }

  /**
   * Publishes every pending row, as a pipeline: while the broker acknowledges one batch, the next
   * is read (on the leader's connection, after a seq cursor so that published rows are not
   * rescanned) and the previous one is marked published (on a second connection). Each drain
   * starts from the lowest unpublished seq, so a transaction that committed late, behind the
   * cursor, is picked up by the next drain; marks are awaited first so that nothing is re-read.
   */
  private async drain(): Promise<void> {
    const reader = await this.connection();
    const marker = await this.markerConnection();
    this.notified = false;
    // Marks run one after another on their connection, each after its batch was acknowledged.
    let marking = Promise.resolve();
    let markFailure: unknown;
    try {
      let batch = await this.readAfter(reader, '0');
      while (batch.length > 0) {
        const sent = this.options.producer.send(batch.map(toMessage));
        const caughtUp = batch.length < this.batchSize;
        const next = caughtUp ? Promise.resolve([]) : this.readAfter(reader, batch[batch.length - 1].seq);
        next.catch(() => undefined); // awaited below, unless the send failed first
        await sent;
        this.options.onPublished?.(batch.length);
        const seqs = batch.map((row) => row.seq);
        marking = marking
          .then(() => marker.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [seqs]))
          .then(() => undefined, (error) => void (markFailure ??= error));
        batch = await next;
      }
    } finally {
      await marking;
    }
    if (markFailure) throw markFailure; // those rows are sent again: the consumers' inbox absorbs it
  }

  private async readAfter(client: Client, seq: string): Promise<OutboxRow[]> {
    const { rows } = await client.query<OutboxRow>(
      `SELECT seq, topic, message_key, envelope::text AS value, headers
         FROM outbox WHERE published_at IS NULL AND seq > $1 ORDER BY seq LIMIT $2`,
      [seq, this.batchSize],
    );
    return rows;
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
    // Right after a burst the table's statistics are stale and the planner reads every pending
    // row through a bitmap scan and sorts them, for each batch; walking the partial index in seq
    // order reads only the batch.
    await client.query('SET enable_bitmapscan = off');
    this.client = client;
    return client;
  }

  private async markerConnection(): Promise<Client> {
    if (this.marker) return this.marker;
    const marker = new Client({ connectionString: this.options.connectionString });
    marker.on('error', (error) => this.options.logger.warn({ err: error }, 'outbox relay: connection lost'));
    await marker.connect();
    this.marker = marker;
    return marker;
  }

  private async closeMarker(): Promise<void> {
    const marker = this.marker;
    this.marker = undefined;
    await marker?.end().catch(() => undefined);
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
    await this.closeMarker();
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
  return { topic: row.topic, key: row.message_key, value: row.value, headers: row.headers };
}
