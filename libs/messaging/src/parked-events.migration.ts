import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages a consumer did not apply: dead letters (a deterministic failure: malformed, or a handler
 * that kept refusing the event) and held events (a payload version this consumer does not know yet,
 * or an event queued behind such an event of the same aggregate). Both are kept with the message as
 * received, so a dead letter can be replayed after a fix and a held event applied once a consumer
 * that understands it runs.
 */
export class CreateParkedEvents1764500000000 implements MigrationInterface {
  name = 'CreateParkedEvents1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE parked_events (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('dead_letter', 'held')),
        event_id uuid,
        event_type text,
        event_version int,
        topic text NOT NULL,
        partition int NOT NULL,
        message_offset text NOT NULL,
        message_key text,
        value text,
        headers json NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        parked_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolution text CHECK (resolution IN ('applied', 'replayed', 'discarded')),
        UNIQUE (consumer, topic, partition, message_offset)
      )`);
    await queryRunner.query('CREATE INDEX parked_events_open ON parked_events (consumer, kind, id) WHERE resolved_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE parked_events');
  }
}
