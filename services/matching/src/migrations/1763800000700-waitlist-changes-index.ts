import { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers "has the waitlist changed since this shortlist was computed?" without a scan. */
export class WaitlistChangesIndex1763800000700 implements MigrationInterface {
  name = 'WaitlistChangesIndex1763800000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX waitlisted_households_updated_at ON waitlisted_households (updated_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX waitlisted_households_updated_at');
  }
}
