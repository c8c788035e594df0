import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox row holds exactly what goes on the wire: the envelope as JSON text (`json` keeps
 * the text as written, where `jsonb` would be re-serialised on every read, which was most of the
 * relay's database time) and the Kafka headers, so the relay sends rows without parsing them.
 */
export class OutboxWireFormat1763900000000 implements MigrationInterface {
  name = 'OutboxWireFormat1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN envelope TYPE json USING envelope::json');
    await queryRunner.query('ALTER TABLE outbox ADD COLUMN headers json');
    await queryRunner.query(`
      UPDATE outbox SET headers = json_strip_nulls(json_build_object(
        'x-event-id', event_id, 'x-event-type', event_type, 'x-event-version', envelope->>'version',
        'x-correlation-id', envelope->>'correlationId', 'x-causation-id', envelope->>'causationId'))`);
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN headers SET NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN headers');
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN envelope TYPE jsonb USING envelope::jsonb');
  }
}
