import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language each side's documents are printed in (decision 0029): the landlord's preferred
 * language as hearth.landlords announced it (a language code, null until heard), and the
 * household's document language staff record on the tenancy (null: the configured default).
 */
export class DocumentLanguages1764500000930 implements MigrationInterface {
  name = 'DocumentLanguages1764500000930';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE known_landlords ADD COLUMN preferred_language text');
    await queryRunner.query('ALTER TABLE tenancies ADD COLUMN document_language text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tenancies DROP COLUMN document_language');
    await queryRunner.query('ALTER TABLE known_landlords DROP COLUMN preferred_language');
  }
}
