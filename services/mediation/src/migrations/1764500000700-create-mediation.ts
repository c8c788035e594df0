import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMediation1764500000700 implements MigrationInterface {
  name = 'CreateMediation1764500000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Read models of other services' aggregates (ids, references and dates only).
    await queryRunner.query(`
      CREATE TABLE known_households (
        household_id uuid PRIMARY KEY,
        reference text NOT NULL,
        caseworker_id text,
        household_version int NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX known_households_caseworker ON known_households (caseworker_id) WHERE caseworker_id IS NOT NULL');
    await queryRunner.query(`
      CREATE TABLE known_tenancies (
        tenancy_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        reference text NOT NULL,
        landlord_id uuid,
        started_on date,
        status text NOT NULL CHECK (status IN ('active', 'ending', 'ended')),
        tenancy_version int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX known_tenancies_unit ON known_tenancies (unit_id) WHERE status <> 'ended'`);

    // Neighbours: personal data, encrypted (MEDIATION_DATA_KEY); never in events or logs.
    await queryRunner.query(`
      CREATE TABLE neighbours (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid,
        building_id text,
        personal_encrypted text,
        created_by text NOT NULL,
        erased_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((erased_on IS NULL) = (personal_encrypted IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX neighbours_unit ON neighbours (unit_id)');

    await queryRunner.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        tenancy_id uuid,
        household_id uuid,
        landlord_id uuid,
        category text NOT NULL CHECK (category IN ('noise', 'hygiene', 'damage', 'neighbour_conflict', 'harassment_or_discrimination', 'safety', 'other')),
        intensity text NOT NULL CHECK (intensity IN ('low', 'medium', 'high', 'severe')),
        channel text NOT NULL CHECK (channel IN ('phone', 'email', 'letter', 'in_person', 'web', 'other')),
        complainant_kind text NOT NULL,
        complainant_ref text,
        respondent_kind text NOT NULL,
        respondent_ref text,
        description_encrypted text,
        filed_by text NOT NULL,
        filed_by_role text NOT NULL,
        received_at timestamptz NOT NULL,
        received_on date NOT NULL,
        stage int NOT NULL CHECK (stage IN (1, 2)),
        status text NOT NULL CHECK (status IN ('awaiting_acknowledgement', 'awaiting_answer', 'answered', 'withdrawn')),
        handler_id text,
        mediation_id uuid,
        last_activity_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX complaints_tenancy ON complaints (tenancy_id, received_on) WHERE tenancy_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX complaints_household ON complaints (household_id) WHERE household_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX complaints_handler ON complaints (handler_id, status)');
    await queryRunner.query('CREATE INDEX complaints_landlord ON complaints (landlord_id) WHERE landlord_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX complaints_filed_by ON complaints (filed_by)');
    await queryRunner.query('CREATE INDEX complaints_received ON complaints (received_at DESC, id)');
    await queryRunner.query('CREATE INDEX complaints_status_received ON complaints (status, received_at DESC, id)');
    await queryRunner.query(`CREATE INDEX complaints_open ON complaints (received_at DESC) WHERE status IN ('awaiting_acknowledgement', 'awaiting_answer')`);

    // Each stage of a complaint with its deadlines (working days) and overdue flags.
    await queryRunner.query(`
      CREATE TABLE complaint_stages (
        complaint_id uuid NOT NULL REFERENCES complaints (id),
        stage int NOT NULL CHECK (stage IN (1, 2)),
        handler_id text,
        started_on date NOT NULL,
        acknowledge_by date NOT NULL,
        acknowledged_on date,
        answer_by date,
        extension_days int NOT NULL DEFAULT 0 CHECK (extension_days >= 0),
        extension_reason_encrypted text,
        answered_on date,
        upheld boolean,
        answer_encrypted text,
        acknowledge_overdue boolean NOT NULL DEFAULT false,
        answer_overdue boolean NOT NULL DEFAULT false,
        PRIMARY KEY (complaint_id, stage),
        CHECK ((acknowledged_on IS NULL) = (answer_by IS NULL)),
        CHECK (answered_on IS NULL OR acknowledged_on IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX complaint_stages_pending ON complaint_stages (acknowledge_by) WHERE answered_on IS NULL');

    await queryRunner.query(`
      CREATE TABLE case_reviews (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        tenancy_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        household_id uuid,
        complaints int NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'resolved')),
        opened_on date NOT NULL,
        resolved_on date,
        resolution_encrypted text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX case_reviews_one_open ON case_reviews (tenancy_id) WHERE status = 'open'`);

    // A household's arrival: the neighbours' preparation, then the follow-up after the move.
    await queryRunner.query(`
      CREATE TABLE preparations (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        offer_id uuid UNIQUE,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        reference text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        owner_id text,
        shared_items text[] NOT NULL DEFAULT '{}',
        consent_recorded_on date,
        consent_note_encrypted text,
        tenancy_id uuid UNIQUE,
        tenancy_started_on date,
        meeting_due_on date,
        meeting_held_on date,
        meeting_attendees int,
        meeting_notes_encrypted text,
        buddy_encrypted text,
        buddy_assigned_on date,
        last_activity_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX preparations_household ON preparations (household_id)');
    await queryRunner.query('CREATE INDEX preparations_unit ON preparations (unit_id, household_id)');
    await queryRunner.query(`
      CREATE TABLE preparation_tasks (
        id uuid PRIMARY KEY,
        preparation_id uuid NOT NULL REFERENCES preparations (id),
        kind text NOT NULL CHECK (kind IN ('contact_building_manager', 'contact_neighbours', 'contact_residents_association', 'information_meeting', 'other')),
        owner_id text,
        started_on date NOT NULL,
        due_on date NOT NULL,
        done_on date,
        result_encrypted text,
        neighbour_id uuid REFERENCES neighbours (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX preparation_tasks_preparation ON preparation_tasks (preparation_id, due_on)');
    await queryRunner.query('CREATE INDEX preparation_tasks_pending ON preparation_tasks (due_on) WHERE done_on IS NULL');
    await queryRunner.query(`
      CREATE TABLE buddy_contacts (
        id uuid PRIMARY KEY,
        preparation_id uuid NOT NULL REFERENCES preparations (id),
        contacted_on date NOT NULL,
        note_encrypted text,
        logged_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX buddy_contacts_preparation ON buddy_contacts (preparation_id, contacted_on)');

    // Tenancy at risk: what leases said about arrears, and the signal computed from every factor.
    await queryRunner.query(`
      CREATE TABLE tenancy_arrears (
        tenancy_id uuid PRIMARY KEY,
        established boolean NOT NULL DEFAULT false,
        broken_payment_plan boolean NOT NULL DEFAULT false,
        tenancy_version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE tenancy_risks (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        reference text NOT NULL,
        score int NOT NULL,
        at_risk boolean NOT NULL,
        factors jsonb NOT NULL,
        changed_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX tenancy_risks_at_risk ON tenancy_risks (household_id) WHERE at_risk');

    // The digest of overdue and stalled cases per owner, one row per owner per run.
    await queryRunner.query(`
      CREATE TABLE digests (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL,
        generated_at timestamptz NOT NULL,
        owner_id text NOT NULL,
        items jsonb NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX digests_owner ON digests (owner_id, generated_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['digests', 'tenancy_risks', 'tenancy_arrears', 'buddy_contacts', 'preparation_tasks', 'preparations', 'case_reviews', 'complaint_stages', 'complaints', 'neighbours', 'known_tenancies', 'known_households']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
