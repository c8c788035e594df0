import { codesNeedNormalizingSql, normalizedCodesSql } from '@hearth/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Preferred and excluded districts as every service now normalises codes (decision 0013).
 * Applicants already trimmed and upper-cased them, so this changes only rows written otherwise.
 * Should a district end up both preferred and excluded, the exclusion wins (it may be there for
 * the household's safety) and the district leaves the preferred ones.
 */
export class NormalizeCodes1764200000100 implements MigrationInterface {
  name = 'NormalizeCodes1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const excluded = normalizedCodesSql('excluded_districts');
    await queryRunner.query(`
      UPDATE households
         SET excluded_districts = ${excluded},
             preferred_districts = ARRAY(SELECT code FROM unnest(${normalizedCodesSql('preferred_districts')}) WITH ORDINALITY AS t(code, position)
                                          WHERE code <> ALL (${excluded}) ORDER BY position)
       WHERE ${codesNeedNormalizingSql('excluded_districts')} OR ${codesNeedNormalizingSql('preferred_districts')}`);
  }

  async down(): Promise<void> {
    // The spellings as typed are not kept: nothing to restore.
  }
}
