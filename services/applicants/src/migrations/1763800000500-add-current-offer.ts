import { MigrationInterface, QueryRunner } from 'typeorm';

/** The offer an offered household is waiting on, so only that offer's answer returns it to the waitlist. */
export class AddCurrentOffer1763800000500 implements MigrationInterface {
  name = 'AddCurrentOffer1763800000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE households ADD COLUMN current_offer_id uuid');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE households DROP COLUMN current_offer_id');
  }
}
