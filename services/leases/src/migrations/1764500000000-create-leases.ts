import { MigrationInterface, QueryRunner } from 'typeorm';

/** The leases service's tables. Money is integer cents (bigint for running totals), never floats. */
export class CreateLeases1764500000000 implements MigrationInterface {
  name = 'CreateLeases1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What leases knows of other services, from their events.
    await queryRunner.query(`
      CREATE TABLE known_landlords (
        id uuid PRIMARY KEY,
        landlord_version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE known_agreements (
        id uuid PRIMARY KEY,
        landlord_id uuid NOT NULL,
        scheme text NOT NULL CHECK (scheme IN ('head_lease', 'management_mandate', 'direct_let')),
        start_date date NOT NULL,
        end_date date NOT NULL,
        guaranteed_rent_cents int NOT NULL CHECK (guaranteed_rent_cents >= 0),
        coverage jsonb,
        renovation_loan jsonb,
        ended_on date,
        signed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX known_agreements_landlord ON known_agreements (landlord_id, signed_at DESC)');
    await queryRunner.query(`
      CREATE TABLE known_units (
        id uuid PRIMARY KEY,
        landlord_id uuid NOT NULL,
        rent_cents int NOT NULL CHECK (rent_cents >= 0),
        service_charges_cents int NOT NULL CHECK (service_charges_cents >= 0),
        available_from date,
        unit_version int NOT NULL
      )`);

    // The owner-side contract of one flat.
    await queryRunner.query(`
      CREATE TABLE head_leases (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        landlord_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        scheme text NOT NULL CHECK (scheme IN ('head_lease', 'management_mandate', 'direct_let')),
        guaranteed_rent_cents int NOT NULL CHECK (guaranteed_rent_cents >= 0),
        management_fee_cents int NOT NULL CHECK (management_fee_cents >= 0),
        coverage jsonb,
        loan_principal_cents int NOT NULL DEFAULT 0 CHECK (loan_principal_cents >= 0),
        loan_monthly_cents int NOT NULL DEFAULT 0 CHECK (loan_monthly_cents >= 0),
        start_date date NOT NULL,
        end_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'ended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX head_leases_one_active_per_unit ON head_leases (unit_id) WHERE status = 'active'`);
    await queryRunner.query('CREATE INDEX head_leases_landlord ON head_leases (landlord_id)');

    // The household-side contract.
    await queryRunner.query(`
      CREATE TABLE tenancies (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        reference text NOT NULL,
        landlord_id uuid NOT NULL,
        head_lease_id uuid REFERENCES head_leases (id),
        offer_id uuid UNIQUE,
        status text NOT NULL CHECK (status IN ('draft', 'signed', 'active', 'ending', 'ended', 'cancelled')),
        legal_landlord text NOT NULL CHECK (legal_landlord IN ('agency', 'owner')),
        rent_cents int NOT NULL CHECK (rent_cents >= 0),
        service_charges_cents int NOT NULL CHECK (service_charges_cents >= 0),
        benefit_cents int NOT NULL DEFAULT 0 CHECK (benefit_cents >= 0),
        deposit_cents int NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
        deposit_kind text NOT NULL DEFAULT 'none' CHECK (deposit_kind IN ('none', 'deposit', 'guarantee')),
        start_date date NOT NULL,
        end_date date,
        signed_on date,
        activated_on date,
        notice_given_on date,
        notice_given_by text CHECK (notice_given_by IN ('household', 'agency', 'landlord')),
        ends_on date,
        ended_on date,
        end_reason text,
        balance_cents bigint NOT NULL DEFAULT 0,
        arrears_ageing text NOT NULL DEFAULT 'none' CHECK (arrears_ageing IN ('none', '0_30', '31_60', '61_90', '90_plus')),
        arrears_stage text CHECK (arrears_stage IN ('reminder', 'notice', 'established', 'claim')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date),
        CHECK (benefit_cents <= rent_cents + service_charges_cents),
        CHECK (status <> 'ending' OR ends_on IS NOT NULL),
        CHECK (status <> 'ended' OR (ended_on IS NOT NULL AND end_reason IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX tenancies_one_open_per_unit ON tenancies (unit_id) WHERE status IN ('draft', 'signed', 'active', 'ending')`);
    await queryRunner.query('CREATE INDEX tenancies_household ON tenancies (household_id)');
    await queryRunner.query('CREATE INDEX tenancies_landlord ON tenancies (landlord_id)');
    await queryRunner.query('CREATE INDEX tenancies_status ON tenancies (status, start_date)');

    await queryRunner.query(`
      CREATE TABLE tenancy_history (
        id bigserial PRIMARY KEY,
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query('CREATE INDEX tenancy_history_tenancy ON tenancy_history (tenancy_id, id)');

    // The tenant's ledger: charges (one per tenancy and month) and payments, positive amounts.
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY,
        tenancy_id uuid NOT NULL REFERENCES tenancies (id),
        kind text NOT NULL CHECK (kind IN ('charge', 'payment')),
        month text CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount_cents int NOT NULL CHECK (amount_cents >= 0 AND (kind = 'charge' OR amount_cents > 0)),
        booked_on date NOT NULL,
        source text CHECK (source IN ('staff', 'bank_import', 'benefit')),
        bank_reference text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'charge' OR month IS NOT NULL),
        CHECK ((kind = 'payment') = (source IS NOT NULL)),
        CHECK (month IS NULL OR kind = 'charge' OR source = 'benefit')
      )`);
    // One charge, and at most one benefit paid directly, per tenancy and month: the monthly run may run twice, never book twice.
    await queryRunner.query(`CREATE UNIQUE INDEX ledger_once_per_month ON ledger_entries (tenancy_id, kind, month) WHERE month IS NOT NULL`);
    await queryRunner.query('CREATE INDEX ledger_tenancy ON ledger_entries (tenancy_id, booked_on, created_at)');

    // The owner's side: what the agency owes per head lease and month, and what it paid.
    await queryRunner.query(`
      CREATE TABLE owner_months (
        head_lease_id uuid NOT NULL REFERENCES head_leases (id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        guaranteed_rent_cents int NOT NULL CHECK (guaranteed_rent_cents >= 0),
        loan_repayment_cents int NOT NULL CHECK (loan_repayment_cents >= 0),
        management_fee_cents int NOT NULL CHECK (management_fee_cents >= 0),
        due_cents int NOT NULL,
        vacant boolean NOT NULL,
        paid_cents int NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
        paid_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (head_lease_id, month),
        CHECK (due_cents = guaranteed_rent_cents - loan_repayment_cents - management_fee_cents)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['owner_months', 'ledger_entries', 'tenancy_history', 'tenancies', 'head_leases', 'known_units', 'known_agreements', 'known_landlords']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
