import { codeNeedsNormalizingSql, normalizedCodeSql } from '@hearth/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Company numbers as the API now normalises identifying codes (decision 0013): trimmed, spaces
 * collapsed, upper case. IBANs were always stored normalised (encrypted, no spaces, upper case).
 */
export class NormalizeCodes1764200000100 implements MigrationInterface {
  name = 'NormalizeCodes1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE landlords SET company_number = ${normalizedCodeSql('company_number')}
       WHERE company_number IS NOT NULL AND ${codeNeedsNormalizingSql('company_number')}`);
  }

  async down(): Promise<void> {
    // The spellings as typed are not kept: nothing to restore.
  }
}
