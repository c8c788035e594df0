import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rents and rent ceilings as exact decimals, like the units and applicants they come from (decision 0004). */
export class MoneyAsExactDecimals1764600000200 implements MigrationInterface {
  name = 'MoneyAsExactDecimals1764600000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE available_units ALTER COLUMN rent TYPE numeric(10, 2) USING round(rent::numeric, 2)');
    await queryRunner.query('ALTER TABLE waitlisted_households ALTER COLUMN max_rent TYPE numeric(10, 2) USING round(max_rent::numeric, 2)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE available_units ALTER COLUMN rent TYPE double precision');
    await queryRunner.query('ALTER TABLE waitlisted_households ALTER COLUMN max_rent TYPE double precision');
  }
}
