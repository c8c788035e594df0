import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What strict priority costs: a run may ask for the frontier between the best overall allocation
 * and strict priority (its summary on the run, its points with their certificates in the census),
 * and the board approves one point of it.
 */
export class AllocationRunFrontier1763800000800 implements MigrationInterface {
  name = 'AllocationRunFrontier1763800000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE allocation_runs
         ADD COLUMN frontier_requested boolean NOT NULL DEFAULT false,
         ADD COLUMN frontier jsonb NULL,
         ADD COLUMN approved_point integer NULL`,
    );
    await queryRunner.query('ALTER TABLE allocation_run_census ADD COLUMN frontier json NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE allocation_run_census DROP COLUMN frontier');
    await queryRunner.query('ALTER TABLE allocation_runs DROP COLUMN approved_point, DROP COLUMN frontier, DROP COLUMN frontier_requested');
  }
}
