import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMatching1763800000500 implements MigrationInterface {
  name = 'CreateMatching1763800000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Read model of hearth.units: every unit matching has heard of, with the attributes the engine reads.
    await queryRunner.query(`
      CREATE TABLE available_units (
        unit_id uuid PRIMARY KEY,
        landlord_id uuid NOT NULL,
        building_id text NOT NULL,
        district text NOT NULL,
        bedrooms int NOT NULL CHECK (bedrooms >= 0),
        max_occupants int NOT NULL CHECK (max_occupants > 0),
        rent double precision NOT NULL CHECK (rent >= 0),
        wheelchair_accessible boolean NOT NULL,
        step_free boolean NOT NULL,
        pets_allowed boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('available', 'reserved', 'let', 'pending_inspection', 'withdrawn')),
        unit_version int NOT NULL CHECK (unit_version > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX available_units_status ON available_units (status, district, bedrooms)');
    await queryRunner.query('CREATE INDEX available_units_landlord ON available_units (landlord_id)');

    // Read model of hearth.applicants: the matching attributes of households (no personal data exists here).
    await queryRunner.query(`
      CREATE TABLE waitlisted_households (
        household_id uuid PRIMARY KEY,
        reference text NOT NULL,
        programme text NOT NULL,
        status text NOT NULL CHECK (status IN ('registered', 'assessed', 'waitlisted', 'offered', 'housed', 'paused', 'withdrawn', 'exited')),
        household_size int NOT NULL CHECK (household_size > 0),
        bedrooms_needed int NOT NULL CHECK (bedrooms_needed >= 0),
        max_rent double precision NOT NULL CHECK (max_rent >= 0),
        wheelchair boolean NOT NULL,
        step_free boolean NOT NULL,
        pets boolean NOT NULL,
        excluded_districts text[] NOT NULL DEFAULT '{}',
        preferred_districts text[] NOT NULL DEFAULT '{}',
        priority double precision NOT NULL CHECK (priority >= 0 AND priority <= 100),
        waiting_since date NOT NULL,
        household_version int NOT NULL CHECK (household_version > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The hard rules' pre-filter: bedrooms needed (a range), budget, household size, among waitlisted households only.
    await queryRunner.query(
      "CREATE INDEX waitlisted_households_candidates ON waitlisted_households (bedrooms_needed, max_rent, household_size) WHERE status = 'waitlisted'",
    );
    await queryRunner.query('CREATE INDEX waitlisted_households_status ON waitlisted_households (status)');

    await queryRunner.query(`
      CREATE TABLE shortlists (
        unit_id uuid PRIMARY KEY REFERENCES available_units (unit_id),
        unit_version int NOT NULL,
        policy jsonb NOT NULL,
        k int NOT NULL CHECK (k > 0),
        candidates int NOT NULL CHECK (candidates >= 0),
        entries jsonb NOT NULL,
        computed_at timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        reference text NOT NULL,
        status text NOT NULL CHECK (status IN ('proposed', 'offered', 'accepted', 'declined', 'expired', 'withdrawn')),
        source text NOT NULL CHECK (source IN ('shortlist', 'allocation_run', 'next_on_shortlist')),
        run_id uuid,
        score double precision NOT NULL,
        rank int CHECK (rank > 0),
        justification text,
        response_deadline timestamptz,
        made_at timestamptz,
        answered_at timestamptz,
        decline_reason text,
        decline_party text CHECK (decline_party IN ('household', 'provider')),
        withdrawal_reason text,
        note text,
        proposed_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'allocation_run') = (run_id IS NOT NULL)),
        CHECK ((status = 'declined') = (decline_reason IS NOT NULL AND decline_party IS NOT NULL)),
        CHECK ((status = 'withdrawn') = (withdrawal_reason IS NOT NULL)),
        CHECK (status NOT IN ('offered', 'accepted', 'declined', 'expired') OR (response_deadline IS NOT NULL AND made_at IS NOT NULL))
      )`);
    // One live offer per unit and per household: of two concurrent proposals, exactly one commits.
    await queryRunner.query("CREATE UNIQUE INDEX offers_one_live_per_unit ON offers (unit_id) WHERE status IN ('proposed', 'offered')");
    await queryRunner.query("CREATE UNIQUE INDEX offers_one_live_per_household ON offers (household_id) WHERE status IN ('proposed', 'offered')");
    await queryRunner.query('CREATE INDEX offers_unit ON offers (unit_id, household_id)');
    await queryRunner.query('CREATE INDEX offers_household ON offers (household_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX offers_status ON offers (status, created_at DESC)');
    await queryRunner.query('CREATE INDEX offers_run ON offers (run_id) WHERE run_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE allocation_runs (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'awaiting_approval', 'offers_proposed', 'rejected', 'failed')),
        mode text NOT NULL CHECK (mode IN ('priority', 'optimal')),
        policy jsonb NOT NULL,
        district_limit int CHECK (district_limit > 0),
        unit_ids uuid[],
        units_left_out jsonb NOT NULL DEFAULT '[]',
        requested_by jsonb NOT NULL,
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        phase text,
        run_date date,
        engine_version text NOT NULL,
        unit_count int,
        household_count int,
        eligible_pairs int,
        proposal_count int,
        total_score double precision,
        certificate_valid boolean,
        proposals jsonb NOT NULL DEFAULT '[]',
        district_report jsonb,
        timings jsonb,
        error text,
        decided_by jsonb,
        decided_at timestamptz,
        decision_note text,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX allocation_runs_created ON allocation_runs (created_at DESC)');
    await queryRunner.query('CREATE INDEX allocation_runs_status ON allocation_runs (status, created_at DESC)');

    // The census: everything a reader needs to re-check a run without trusting the service.
    // json (not jsonb): stored and returned as written, never queried inside.
    await queryRunner.query(`
      CREATE TABLE allocation_run_census (
        run_id uuid PRIMARY KEY REFERENCES allocation_runs (id),
        instance json NOT NULL,
        household_references json NOT NULL,
        result json NOT NULL,
        certificate json
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE allocation_run_census');
    await queryRunner.query('DROP TABLE allocation_runs');
    await queryRunner.query('DROP TABLE offers');
    await queryRunner.query('DROP TABLE shortlists');
    await queryRunner.query('DROP TABLE waitlisted_households');
    await queryRunner.query('DROP TABLE available_units');
  }
}
