import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOURNEY_COLUMNS, journeySummary } from '../journeys/household-journey';

/**
 * What the indicators look up instead of aggregating every household step at each asking
 * (docs/indicators.md#how-fast):
 * - on households, the journey summed up from all its steps (recomputed from them at each step):
 *   its first waitlisted and first left days, its last step's day, its last availability step and
 *   its last priority; as of a day on or after its last step's day, that is its journey;
 * - an index of a household's waitlisted days (returns to the waitlist: the first on or after a
 *   tenancy's end, one probe per tenancy).
 */
export class HouseholdJourneys1763800004000 implements MigrationInterface {
  name = 'HouseholdJourneys1763800004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE households
        ADD COLUMN first_waitlisted_on date,
        ADD COLUMN first_left_on date,
        ADD COLUMN last_step_on date,
        ADD COLUMN last_availability text,
        ADD COLUMN last_priority numeric(6, 2)`);
    await queryRunner.query(`
      UPDATE households h SET (${JOURNEY_COLUMNS.join(', ')}) = (${JOURNEY_COLUMNS.map((column) => `j.${column}`).join(', ')})
        FROM (${journeySummary('true')}) j
       WHERE j.household_id = h.household_id`);
    await queryRunner.query(`CREATE INDEX household_steps_waitlisted ON household_steps (household_id, on_date) WHERE step = 'waitlisted'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX household_steps_waitlisted');
    await queryRunner.query(
      'ALTER TABLE households DROP COLUMN first_waitlisted_on, DROP COLUMN first_left_on, DROP COLUMN last_step_on, DROP COLUMN last_availability, DROP COLUMN last_priority',
    );
  }
}
