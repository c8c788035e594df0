import { MigrationInterface, QueryRunner } from 'typeorm';

/** The household's caseworker (a staff user id): only they, or staff, may answer its offers. */
export class AddCaseworker1763800000600 implements MigrationInterface {
  name = 'AddCaseworker1763800000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE waitlisted_households ADD COLUMN caseworker_id text');
    await queryRunner.query('CREATE INDEX waitlisted_households_caseworker ON waitlisted_households (caseworker_id) WHERE caseworker_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE waitlisted_households DROP COLUMN caseworker_id');
  }
}
