import { codeNeedsNormalizingSql, normalizedCodeSql } from '@hearth/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The unit directory's codes as units now normalises them (decision 0013), so the district filters find every unit of a district. */
export class NormalizeCodes1764200000100 implements MigrationInterface {
  name = 'NormalizeCodes1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE known_units
         SET district = ${normalizedCodeSql('district')},
             postal_code = ${normalizedCodeSql('postal_code')},
             building_id = ${normalizedCodeSql('building_id')}
       WHERE ${codeNeedsNormalizingSql('district')} OR ${codeNeedsNormalizingSql('postal_code')} OR ${codeNeedsNormalizingSql('building_id')}`);
  }

  async down(): Promise<void> {
    // The spellings as typed are not kept: nothing to restore.
  }
}
