import { MigrationInterface, QueryRunner } from 'typeorm';

/** Move-out inspections are opened when a let flat starts vacating (trigger unit_vacating). */
export class MoveOutRequests1764600000100 implements MigrationInterface {
  name = 'MoveOutRequests1764600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inspections
        DROP CONSTRAINT inspections_trigger_check,
        ADD CONSTRAINT inspections_trigger_check CHECK (trigger IN ('unit_submitted', 'unit_vacating', 'staff', 'repair_deadline_missed'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inspections
        DROP CONSTRAINT inspections_trigger_check,
        ADD CONSTRAINT inspections_trigger_check CHECK (trigger IN ('unit_submitted', 'staff', 'repair_deadline_missed'))`);
  }
}
