import { MigrationInterface, QueryRunner } from 'typeorm';

/** A paid claim's shares: what went to the owner and what the agency kept for months the guaranteed rent already covered (decision 0026). */
export class ClaimShares1764500000920 implements MigrationInterface {
  name = 'ClaimShares1764500000920';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE guarantee_claims ADD COLUMN owner_cents int CHECK (owner_cents >= 0), ADD COLUMN agency_cents int CHECK (agency_cents >= 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE guarantee_claims DROP COLUMN owner_cents, DROP COLUMN agency_cents');
  }
}
