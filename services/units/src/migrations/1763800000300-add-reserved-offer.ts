import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which accepted offer a reserved flat is held for, so only that offer falling through releases it. */
export class AddReservedOffer1763800000300 implements MigrationInterface {
  name = 'AddReservedOffer1763800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE units ADD COLUMN reserved_offer_id uuid');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE units DROP COLUMN reserved_offer_id');
  }
}
