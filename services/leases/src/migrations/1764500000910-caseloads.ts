import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each household's caseworker as hearth.applicants announced it (a staff user id, no personal data). */
export class Caseloads1764500000910 implements MigrationInterface {
  name = 'Caseloads1764500000910';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_households (
        household_id uuid PRIMARY KEY,
        caseworker_id text,
        household_version int NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX known_households_caseworker ON known_households (caseworker_id) WHERE caseworker_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE known_households');
  }
}
