import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a flat is pending_inspection, so that only the right inspection releases it: its initial
 * inspection, or (after a serious failure) a periodic or complaint re-inspection. Flats already
 * pending keep null, and with it the former rule (either kind releases them).
 */
export class AddPendingReason1763800000400 implements MigrationInterface {
  name = 'AddPendingReason1763800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE units ADD COLUMN pending_reason text CHECK (pending_reason IN ('initial_inspection', 'repairs'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE units DROP COLUMN pending_reason');
  }
}
