import { MigrationInterface, QueryRunner } from 'typeorm';

/** An owner who signed up through the gateway is a prospect whose name, contact and bank account come later, typed by themselves. */
export class LandlordDetailsAfterSignUp1763900000200 implements MigrationInterface {
  name = 'LandlordDetailsAfterSignUp1763900000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['name', 'contact', 'bank_account_encrypted', 'bank_account_masked']) {
      await queryRunner.query(`ALTER TABLE landlords ALTER COLUMN ${column} DROP NOT NULL`);
    }
    await queryRunner.query(`
      ALTER TABLE landlords ADD CONSTRAINT landlords_details_before_verification
        CHECK (status = 'prospect' OR (name IS NOT NULL AND contact IS NOT NULL AND bank_account_encrypted IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE landlords DROP CONSTRAINT landlords_details_before_verification');
    for (const column of ['name', 'contact', 'bank_account_encrypted', 'bank_account_masked']) {
      await queryRunner.query(`ALTER TABLE landlords ALTER COLUMN ${column} SET NOT NULL`);
    }
  }
}
