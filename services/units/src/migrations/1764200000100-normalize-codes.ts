import { codeNeedsNormalizingSql, normalizedCodeSql } from '@hearth/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Codes were stored as the landlord typed them (`bxl-1 `), while applicants upper-cased the
 * districts households exclude: a household excluding `BXL-1` was matched with a flat typed
 * `bxl-1 `. The API now normalises codes at its edge (decision 0013); this brings the rows stored
 * before it in line. The unit's version is not bumped: the unit did not change, its spelling did
 * (consumers normalise the codes of older events themselves and migrate their own copies).
 */
export class NormalizeCodes1764200000100 implements MigrationInterface {
  name = 'NormalizeCodes1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE units
         SET district_code = ${normalizedCodeSql('district_code')},
             postal_code = ${normalizedCodeSql('postal_code')},
             building_id = ${normalizedCodeSql('building_id')}
       WHERE ${codeNeedsNormalizingSql('district_code')} OR ${codeNeedsNormalizingSql('postal_code')} OR ${codeNeedsNormalizingSql('building_id')}`);
  }

  async down(): Promise<void> {
    // The spellings as typed are not kept: nothing to restore.
  }
}
