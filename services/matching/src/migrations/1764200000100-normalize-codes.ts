import { codeNeedsNormalizingSql, codesNeedNormalizingSql, normalizedCodeSql, normalizedCodesSql } from '@hearth/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models' codes as every service now normalises them (decision 0013): units' districts
 * and buildings, households' preferred and excluded districts. A stored shortlist of an available
 * unit that was computed from differently spelled codes may rank a household that excluded the
 * unit's district: such shortlists are dropped, and the next read computes a fresh one. Shortlists
 * of units no longer available stay as the record of what was offered; allocation-run censuses
 * stay as they are (they must still verify against the certificate of their run).
 */
export class NormalizeCodes1764200000100 implements MigrationInterface {
  name = 'NormalizeCodes1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TEMPORARY TABLE renormalized_units (unit_id uuid PRIMARY KEY) ON COMMIT DROP');
    await queryRunner.query('CREATE TEMPORARY TABLE renormalized_households (household_id uuid PRIMARY KEY) ON COMMIT DROP');
    await queryRunner.query(`
      WITH changed AS (
        UPDATE available_units
           SET district = ${normalizedCodeSql('district')}, building_id = ${normalizedCodeSql('building_id')}
         WHERE ${codeNeedsNormalizingSql('district')} OR ${codeNeedsNormalizingSql('building_id')}
        RETURNING unit_id)
      INSERT INTO renormalized_units SELECT unit_id FROM changed`);
    await queryRunner.query(`
      WITH changed AS (
        UPDATE waitlisted_households
           SET excluded_districts = ${normalizedCodesSql('excluded_districts')},
               preferred_districts = ${normalizedCodesSql('preferred_districts')}
         WHERE ${codesNeedNormalizingSql('excluded_districts')} OR ${codesNeedNormalizingSql('preferred_districts')}
        RETURNING household_id)
      INSERT INTO renormalized_households SELECT household_id FROM changed`);
    await queryRunner.query(`
      DELETE FROM shortlists s
       USING available_units u
       WHERE u.unit_id = s.unit_id AND u.status = 'available'
         AND (s.unit_id IN (SELECT unit_id FROM renormalized_units)
              OR EXISTS (SELECT 1 FROM jsonb_array_elements(s.entries) entry
                          WHERE (entry->>'householdId')::uuid IN (SELECT household_id FROM renormalized_households)))`);
  }

  async down(): Promise<void> {
    // The spellings as typed are not kept: nothing to restore.
  }
}
