import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Topics are not ordered with each other. Accepted offers heard before their flat are kept until
 * hearth.units describes the flat, then drafted; a flat that entered the scheme before its owner's
 * agreement was heard is remembered (`in_scheme`) and gets its head lease when the agreement arrives.
 */
export class PendingOffers1764500000300 implements MigrationInterface {
  name = 'PendingOffers1764500000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pending_offers (
        offer_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        reference text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX pending_offers_unit ON pending_offers (unit_id)');
    await queryRunner.query('ALTER TABLE known_units ADD COLUMN in_scheme boolean NOT NULL DEFAULT false');
    await queryRunner.query('CREATE INDEX known_units_landlord_in_scheme ON known_units (landlord_id) WHERE in_scheme');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE known_units DROP COLUMN in_scheme');
    await queryRunner.query('DROP TABLE pending_offers');
  }
}
