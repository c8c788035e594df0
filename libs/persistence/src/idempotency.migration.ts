import { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembered answers to POSTs sent with an Idempotency-Key (every service lists this migration). */
export class CreateIdempotencyKeys1763800000050 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763800000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        actor_id text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status int,
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
