import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of reporting: histories, not current states, so every indicator can be computed
 * "as of" any past day. No personal data: households are known by id and programme only (no
 * reference code, no attribute of the person), flats by id, owner, district and building.
 */
export class CreateReporting1763800001000 implements MigrationInterface {
  name = 'CreateReporting1763800001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE households (
        household_id uuid PRIMARY KEY,
        programme text,
        registered_on date,
        erased_on date
      )`);
    // One row per applicants event that moves a household along its journey; the day is the
    // agency's calendar day (REPORTING_TIME_ZONE) of the step, or the date the event states.
    await queryRunner.query(`
      CREATE TABLE household_steps (
        household_id uuid NOT NULL,
        household_version int NOT NULL,
        step text NOT NULL CHECK (step IN ('registered', 'assessed', 'waitlisted', 'priority_changed', 'offered', 'paused', 'resumed', 'withdrawn', 'exited')),
        on_date date NOT NULL,
        priority numeric(6, 2),
        PRIMARY KEY (household_id, household_version)
      )`);
    await queryRunner.query('CREATE INDEX household_steps_on_date ON household_steps (on_date)');
    // One row per offer; each event fills its own columns, so the order events of different
    // topics arrive in changes nothing.
    await queryRunner.query(`
      CREATE TABLE offers (
        offer_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        household_id uuid NOT NULL,
        source text,
        run_id uuid,
        proposed_on date,
        made_on date,
        accepted_on date,
        declined_on date,
        decline_reason text,
        decline_party text,
        expired_on date,
        withdrawn_on date,
        withdrawn_from text,
        withdrawal_reason text
      )`);
    await queryRunner.query('CREATE INDEX offers_household ON offers (household_id)');
    await queryRunner.query('CREATE INDEX offers_made_on ON offers (made_on)');
    await queryRunner.query(`
      CREATE TABLE flats (
        unit_id uuid PRIMARY KEY,
        landlord_id uuid NOT NULL,
        district text NOT NULL,
        building_id text NOT NULL,
        unit_version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE flat_steps (
        unit_id uuid NOT NULL,
        unit_version int NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'pending_inspection', 'available', 'reserved', 'let', 'vacating', 'withdrawn')),
        on_date date NOT NULL,
        PRIMARY KEY (unit_id, unit_version)
      )`);
    await queryRunner.query(`
      CREATE TABLE allocation_runs (
        run_id uuid PRIMARY KEY,
        mode text NOT NULL,
        completed_on date,
        units int,
        households int,
        proposals int,
        certificate_valid boolean,
        approval_required boolean,
        approved_on date,
        offers_proposed int,
        excluded int,
        skipped int,
        rejected_on date
      )`);
    // Answers frozen for a closed day: the daily snapshot of each indicator (question_key
    // 'default') and every other question asked as of a closed day. The same question as of the
    // same day always gets the stored answer.
    await queryRunner.query(`
      CREATE TABLE indicator_snapshots (
        indicator text NOT NULL,
        as_of date NOT NULL,
        question_key text NOT NULL,
        answer jsonb NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator, as_of, question_key)
      )`);
    // The days a daily snapshot is due for; taken_at is set once every indicator is stored.
    await queryRunner.query(`
      CREATE TABLE snapshot_days (
        day date PRIMARY KEY,
        taken_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX snapshot_days_pending ON snapshot_days (day) WHERE taken_at IS NULL');
    // The first day the service applied an event: daily snapshots are due from it on.
    await queryRunner.query(`CREATE TABLE reporting_epoch (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), first_day date NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['reporting_epoch', 'snapshot_days', 'indicator_snapshots', 'allocation_runs', 'flat_steps', 'flats', 'offers', 'household_steps', 'households']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
