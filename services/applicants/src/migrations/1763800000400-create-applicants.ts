import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Households and everything about them. Personal data lives only in the *_encrypted columns
 * (AES-256-GCM, see FieldCipher); the clear columns are what matching, the waitlist and the
 * statistics need: counts, ages of children, needs, district codes, scores, dates and statuses.
 */
export class CreateApplicants1763800000400 implements MigrationInterface {
  name = 'CreateApplicants1763800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE households (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        reference text COLLATE "C" NOT NULL CHECK (reference ~ '^HX-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4,6}$'),
        programme text NOT NULL CHECK (programme IN ('housing_first', 'housing_led', 'rapid_rehousing')),
        status text NOT NULL CHECK (status IN ('registered', 'assessed', 'waitlisted', 'offered', 'housed', 'paused', 'withdrawn', 'exited')),
        paused_from text CHECK (paused_from IN ('registered', 'assessed', 'waitlisted', 'offered')),
        status_reason text,
        status_note_encrypted text,
        registered_at timestamptz NOT NULL,
        waitlisted_at timestamptz,
        adults int NOT NULL CHECK (adults BETWEEN 1 AND 20),
        couples int NOT NULL CHECK (couples >= 0 AND couples * 2 <= adults),
        children_ages int[] NOT NULL CHECK (0 <= ALL (children_ages) AND 17 >= ALL (children_ages)),
        household_size int NOT NULL CHECK (household_size = adults + cardinality(children_ages)),
        bedrooms_by_rule int NOT NULL CHECK (bedrooms_by_rule >= 0),
        bedrooms_override int CHECK (bedrooms_override BETWEEN 0 AND 10),
        bedrooms_needed int NOT NULL CHECK (bedrooms_needed = coalesce(bedrooms_override, bedrooms_by_rule)),
        wheelchair boolean NOT NULL,
        step_free boolean NOT NULL,
        pets boolean NOT NULL,
        max_rent numeric(10, 2) CHECK (max_rent >= 0),
        max_rent_basis text CHECK (max_rent_basis IN ('rule', 'set')),
        preferred_districts text[] NOT NULL,
        excluded_districts text[] NOT NULL CHECK (NOT (preferred_districts && excluded_districts)),
        needs_recorded_at timestamptz,
        needs_encrypted text,
        caseworker_id text,
        consent_scope text[] NOT NULL,
        current_assessment_id uuid,
        assessment_score numeric(4, 1) CHECK (assessment_score BETWEEN 0 AND 100),
        priority numeric(4, 1) CHECK (priority BETWEEN 0 AND 100),
        priority_breakdown_encrypted text,
        policy_version int,
        urgent boolean NOT NULL,
        board_adjustment numeric(5, 1) NOT NULL,
        personal_encrypted text,
        duplicate_key text,
        different_person_confirmed_by text,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT households_scored_when_listed CHECK (status NOT IN ('waitlisted', 'offered') OR (priority IS NOT NULL AND max_rent IS NOT NULL)),
        CONSTRAINT households_erased_means_no_personal_data CHECK (
          erased_at IS NULL OR (personal_encrypted IS NULL AND needs_encrypted IS NULL AND status_note_encrypted IS NULL AND duplicate_key IS NULL)
        )
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX households_reference ON households (reference)');
    await queryRunner.query('CREATE INDEX households_duplicate_key ON households (duplicate_key) WHERE duplicate_key IS NOT NULL');
    await queryRunner.query('CREATE INDEX households_caseload ON households (caseworker_id, programme, status) WHERE caseworker_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX households_by_status ON households (status, registered_at DESC, reference)');
    await queryRunner.query('CREATE INDEX households_newest ON households (registered_at DESC, reference)');
    // The waitlist order (priority, then earlier registration, then reference), covering the
    // filters so a page is an index-only scan: one for the whole list, one per programme, one per
    // programme and bedrooms ("comparable households", and the filters that name both).
    await queryRunner.query(`
      CREATE INDEX households_waitlist ON households (priority DESC, registered_at, reference)
        INCLUDE (programme, bedrooms_needed, wheelchair, step_free, pets, preferred_districts, caseworker_id)
        WHERE status = 'waitlisted'`);
    await queryRunner.query(`
      CREATE INDEX households_waitlist_programme ON households (programme, priority DESC, registered_at, reference)
        INCLUDE (bedrooms_needed, wheelchair, step_free, pets, preferred_districts, caseworker_id)
        WHERE status = 'waitlisted'`);
    await queryRunner.query(`
      CREATE INDEX households_waitlist_comparable ON households (programme, bedrooms_needed, priority DESC, registered_at, reference)
        INCLUDE (wheelchair, step_free, pets, preferred_districts, caseworker_id)
        WHERE status = 'waitlisted'`);
    // Households change often (every command bumps the version): room on each page lets updates of
    // unindexed columns stay on the page (HOT) instead of touching every index.
    await queryRunner.query('ALTER TABLE households SET (fillfactor = 85)');

    await queryRunner.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        scope text[] NOT NULL CHECK (cardinality(scope) > 0 AND scope <@ ARRAY['processing', 'matching', 'sharing_with_support_services']),
        given_on date NOT NULL,
        given_by text NOT NULL CHECK (given_by IN ('applicant', 'legal_guardian', 'authorised_representative')),
        recorded_by text NOT NULL,
        recorded_role text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        ended_on date,
        end_reason text CHECK (end_reason IN ('withdrawn', 'superseded')),
        ended_by text,
        note_encrypted text,
        CHECK ((ended_on IS NULL) = (end_reason IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX consents_household ON consents (household_id, recorded_at DESC)');
    await queryRunner.query('CREATE UNIQUE INDEX consents_one_in_force ON consents (household_id) WHERE ended_on IS NULL');

    await queryRunner.query(`
      CREATE TABLE assessments (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        assessed_on date NOT NULL,
        assessed_by text NOT NULL,
        assessed_role text NOT NULL,
        details_encrypted text,
        score numeric(4, 1) NOT NULL CHECK (score BETWEEN 0 AND 100),
        policy_version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX assessments_household ON assessments (household_id, created_at DESC)');
    await queryRunner.query('ALTER TABLE households ADD CONSTRAINT households_current_assessment FOREIGN KEY (current_assessment_id) REFERENCES assessments (id)');

    await queryRunner.query(`
      CREATE TABLE priority_policies (
        version int PRIMARY KEY CHECK (version >= 2),
        weights jsonb NOT NULL,
        summary text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        rescoring_completed_at timestamptz,
        rescored_households int,
        changed_households int
      )`);

    await queryRunner.query(`
      CREATE TABLE board_decisions (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        kind text NOT NULL CHECK (kind IN ('urgent', 'priority_adjustment')),
        points numeric(4, 1) CHECK (points BETWEEN -25 AND 25 AND points <> 0),
        justification text NOT NULL CHECK (length(justification) >= 10),
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        reversed_at timestamptz,
        reversed_by text,
        reversal_justification text,
        CHECK ((kind = 'priority_adjustment') = (points IS NOT NULL)),
        CHECK ((reversed_at IS NULL) = (reversed_by IS NULL) AND (reversed_at IS NULL) = (reversal_justification IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX board_decisions_household ON board_decisions (household_id, decided_at)');
    await queryRunner.query('CREATE INDEX board_decisions_recent ON board_decisions (decided_at DESC, id)');
    await queryRunner.query(`CREATE UNIQUE INDEX board_decisions_one_urgent ON board_decisions (household_id) WHERE kind = 'urgent' AND reversed_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        purpose text NOT NULL,
        access text NOT NULL CHECK (access IN ('personal_data', 'export')),
        correlation_id text,
        accessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX access_log_household ON access_log (household_id, accessed_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_log');
    await queryRunner.query('DROP TABLE board_decisions');
    await queryRunner.query('DROP TABLE priority_policies');
    await queryRunner.query('ALTER TABLE households DROP CONSTRAINT households_current_assessment');
    await queryRunner.query('DROP TABLE assessments');
    await queryRunner.query('DROP TABLE consents');
    await queryRunner.query('DROP TABLE households');
  }
}
