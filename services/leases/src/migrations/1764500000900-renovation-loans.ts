import { MigrationInterface, QueryRunner } from 'typeorm';

/** Renovation loans: the day the loan was lent, and the owner's early repayments. */
export class RenovationLoans1764500000900 implements MigrationInterface {
  name = 'RenovationLoans1764500000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE head_leases ADD COLUMN loan_disbursed_on date');
    // A loan recorded before this column was lent with its head lease (as new ones are).
    await queryRunner.query('UPDATE head_leases SET loan_disbursed_on = start_date WHERE loan_principal_cents > 0');
    await queryRunner.query(`
      CREATE TABLE loan_early_repayments (
        id uuid PRIMARY KEY,
        head_lease_id uuid NOT NULL REFERENCES head_leases (id),
        repaid_on date NOT NULL,
        amount_cents int NOT NULL CHECK (amount_cents > 0),
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX loan_early_repayments_head_lease ON loan_early_repayments (head_lease_id, repaid_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE loan_early_repayments');
    await queryRunner.query('ALTER TABLE head_leases DROP COLUMN loan_disbursed_on');
  }
}
