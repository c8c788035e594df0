import { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembered answers to POSTs sent with an Idempotency-Key (every service lists `idempotencyMigrations`). */
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

/**
 * Which claim of a key a request holds and since when: a claim without an answer older than the
 * lease was left by a crashed request and may be taken over; answers older than the TTL are purged.
 */
export class IdempotencyKeyClaims1764000000000 implements MigrationInterface {
  name = 'IdempotencyKeyClaims1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE idempotency_keys ADD COLUMN claim_id uuid, ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now()');
    await queryRunner.query('CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idempotency_keys_created_at');
    await queryRunner.query('ALTER TABLE idempotency_keys DROP COLUMN claimed_at, DROP COLUMN claim_id');
  }
}

export const idempotencyMigrations = [CreateIdempotencyKeys1763800000050, IdempotencyKeyClaims1764000000000];
