import { MigrationInterface, QueryRunner } from 'typeorm';
import { OutboxWireFormat1763900000000 } from './outbox-wire-format.migration';
import { CreateParkedEvents1764500000000 } from './parked-events.migration';

/** The outbox and inbox tables every service database has (see `messagingMigrations`). */
export class CreateMessagingTables1763800000000 implements MigrationInterface {
  name = 'CreateMessagingTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL');
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}

/** The messaging tables' migrations, which every service lists before its own. */
export const messagingMigrations = [CreateMessagingTables1763800000000, OutboxWireFormat1763900000000, CreateParkedEvents1764500000000];
