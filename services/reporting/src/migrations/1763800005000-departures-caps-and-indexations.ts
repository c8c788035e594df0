import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - Allocation runs: the caps a run was solved with (AllocationRunCompleted.caps: per building, per
 *   district), the frontier point the board approved and whether it recorded a note; and each
 *   departure from strict priority order in what a decided run put into offers, with its
 *   justification code — flats and priorities, never households (docs/indicators.md#priority-departures).
 * - Rent indexations (RentIndexed): the new rent in cents from its effective day, keyed by the
 *   tenancy's aggregate version (docs/indicators.md#arrears).
 */
export class DeparturesCapsAndIndexations1763800005000 implements MigrationInterface {
  name = 'DeparturesCapsAndIndexations1763800005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE allocation_runs
        ADD COLUMN caps jsonb,
        ADD COLUMN approved_point int,
        ADD COLUMN note_recorded boolean`);
    await queryRunner.query(`
      CREATE TABLE run_departures (
        run_id uuid NOT NULL,
        position int NOT NULL,
        decided_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('run_choice', 'board_exclusion')),
        justification text NOT NULL,
        unit_id uuid NOT NULL,
        priority double precision,
        passed_over_priority double precision,
        PRIMARY KEY (run_id, position)
      )`);
    await queryRunner.query('CREATE INDEX run_departures_decided_on ON run_departures (decided_on)');
    await queryRunner.query(`
      CREATE TABLE rent_indexations (
        tenancy_id uuid NOT NULL,
        tenancy_version int NOT NULL,
        effective_on date NOT NULL,
        previous_rent_cents bigint NOT NULL,
        new_rent_cents bigint NOT NULL,
        PRIMARY KEY (tenancy_id, tenancy_version)
      )`);
    await queryRunner.query('CREATE INDEX tenancies_unit ON tenancies (unit_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tenancies_unit');
    await queryRunner.query('DROP TABLE rent_indexations');
    await queryRunner.query('DROP TABLE run_departures');
    await queryRunner.query('ALTER TABLE allocation_runs DROP COLUMN caps, DROP COLUMN approved_point, DROP COLUMN note_recorded');
  }
}
