import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guarantee claims (arrears, damage, legal costs, vacancy), the months of rent claimed (once per
 * tenancy and month), the notices of the arrears ladder, the completed inspections heard from
 * hearth.inspections, and the day a tenancy's arrears were established.
 */
export class GuaranteeClaims1764500000500 implements MigrationInterface {
  name = 'GuaranteeClaims1764500000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tenancies ADD COLUMN arrears_established_on date`);
    await queryRunner.query(`
      CREATE TABLE guarantee_claims (
        id uuid PRIMARY KEY,
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        head_lease_id uuid NOT NULL REFERENCES head_leases (id),
        landlord_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('arrears', 'damage', 'legal_costs', 'vacancy')),
        status text NOT NULL CHECK (status IN ('opened', 'submitted', 'approved', 'partly_approved', 'rejected', 'paid', 'recovering')),
        amount_cents int NOT NULL CHECK (amount_cents >= 0),
        opened_on date NOT NULL,
        file_by date,
        filed_late boolean NOT NULL DEFAULT false,
        evidence jsonb NOT NULL,
        source_inspection_id uuid UNIQUE,
        submitted_on date,
        decision text CHECK (decision IN ('approved', 'partly_approved', 'rejected')),
        approved_cents int CHECK (approved_cents >= 0 AND approved_cents <= amount_cents),
        decision_reasons jsonb,
        decided_on date,
        paid_on date,
        recovery jsonb,
        opened_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((decision IS NULL) = (decided_on IS NULL)),
        CHECK (decision IS NULL OR approved_cents IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX guarantee_claims_tenancy ON guarantee_claims (tenancy_id, opened_on)');
    await queryRunner.query('CREATE INDEX guarantee_claims_landlord ON guarantee_claims (landlord_id, created_at)');
    // At most one arrears claim taking further months at a time per tenancy.
    await queryRunner.query(`CREATE UNIQUE INDEX guarantee_claims_one_open_arrears ON guarantee_claims (tenancy_id) WHERE kind = 'arrears' AND status IN ('opened', 'submitted')`);
    await queryRunner.query(`
      CREATE TABLE claim_months (
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        claim_id uuid NOT NULL REFERENCES guarantee_claims (id),
        due_on date NOT NULL,
        amount_cents int NOT NULL CHECK (amount_cents > 0),
        added_on date NOT NULL,
        late boolean NOT NULL,
        PRIMARY KEY (tenancy_id, month)
      )`);
    await queryRunner.query('CREATE INDEX claim_months_claim ON claim_months (claim_id)');
    await queryRunner.query(`
      CREATE TABLE arrears_notices (
        id uuid PRIMARY KEY,
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        kind text NOT NULL CHECK (kind IN ('reminder', 'formal_notice')),
        sent_on date NOT NULL,
        pay_by date,
        arrears_cents int NOT NULL CHECK (arrears_cents >= 0),
        late boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX arrears_notices_tenancy ON arrears_notices (tenancy_id, sent_on)');
    await queryRunner.query(`
      CREATE TABLE unit_inspections (
        inspection_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        inspection_type text NOT NULL,
        completed_at timestamptz NOT NULL,
        deficiencies jsonb NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX unit_inspections_unit ON unit_inspections (unit_id, inspection_type, completed_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['unit_inspections', 'arrears_notices', 'claim_months', 'guarantee_claims']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query('ALTER TABLE tenancies DROP COLUMN arrears_established_on');
  }
}
