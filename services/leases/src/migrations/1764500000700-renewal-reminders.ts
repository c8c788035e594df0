import { MigrationInterface, QueryRunner } from 'typeorm';

/** Renewal reminders for staff: one per contract (tenancy or head lease), end date and threshold. */
export class RenewalReminders1764500000700 implements MigrationInterface {
  name = 'RenewalReminders1764500000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE renewal_reminders (
        contract text NOT NULL CHECK (contract IN ('tenancy', 'head_lease')),
        contract_id uuid NOT NULL,
        end_date date NOT NULL,
        days_before int NOT NULL CHECK (days_before >= 0),
        unit_id uuid NOT NULL,
        landlord_id uuid NOT NULL,
        raised_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contract, contract_id, end_date, days_before)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE renewal_reminders');
  }
}
