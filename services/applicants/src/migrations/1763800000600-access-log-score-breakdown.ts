import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reads of a household's score breakdown (which reveals its vulnerability factors) are logged too. */
export class AccessLogScoreBreakdown1763800000600 implements MigrationInterface {
  name = 'AccessLogScoreBreakdown1763800000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE access_log DROP CONSTRAINT access_log_access_check');
    await queryRunner.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_access_check CHECK (access IN ('personal_data', 'export', 'score_breakdown'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM access_log WHERE access = 'score_breakdown'`);
    await queryRunner.query('ALTER TABLE access_log DROP CONSTRAINT access_log_access_check');
    await queryRunner.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_access_check CHECK (access IN ('personal_data', 'export'))`);
  }
}
