import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLandlords1763800000100 implements MigrationInterface {
  name = 'CreateLandlords1763800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE landlords (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('individual', 'company')),
        name text NOT NULL,
        company_number text,
        contact jsonb NOT NULL,
        preferred_language text NOT NULL,
        bank_account_encrypted text NOT NULL,
        bank_account_masked text NOT NULL,
        status text NOT NULL CHECK (status IN ('prospect', 'active', 'suspended', 'offboarded')),
        status_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX landlords_status ON landlords (status, created_at DESC)');
    await queryRunner.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY,
        landlord_id uuid NOT NULL REFERENCES landlords (id),
        scheme text NOT NULL CHECK (scheme IN ('head_lease', 'management_mandate', 'direct_let')),
        start_date date NOT NULL,
        end_date date NOT NULL CHECK (end_date > start_date),
        guaranteed_monthly_rent numeric(12, 2) NOT NULL CHECK (guaranteed_monthly_rent > 0),
        coverage jsonb NOT NULL,
        renovation_loan jsonb,
        property_tax_reduction_filing boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'signed', 'ended')),
        signed_at timestamptz,
        ended_on date,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX agreements_landlord ON agreements (landlord_id, status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE agreements');
    await queryRunner.query('DROP TABLE landlords');
  }
}
