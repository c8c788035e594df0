import { MigrationHarness } from '@hearth/testing';
import { applicantsMigrations } from '../src/migrations';
import { NormalizeCodes1764200000100 } from '../src/migrations/1764200000100-normalize-codes';

describe('applicants migration NormalizeCodes', () => {
  let harness: MigrationHarness;

  beforeAll(async () => {
    harness = await MigrationHarness.before(applicantsMigrations, NormalizeCodes1764200000100, 'applicants_codes');
  });

  afterAll(() => harness?.close());

  it('normalises preferred and excluded districts; a district both preferred and excluded stays excluded only', async () => {
    const [typed, clean] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const insert = (id: string, reference: string, preferred: string[], excluded: string[]) =>
      harness.query(
        `INSERT INTO households (id, version, reference, programme, status, registered_at, adults, couples, children_ages, household_size, bedrooms_by_rule,
                                 bedrooms_needed, wheelchair, step_free, pets, preferred_districts, excluded_districts, consent_scope, urgent, board_adjustment)
         VALUES ($1, 4, $2, 'housing_first', 'registered', now(), 1, 0, '{}', 1, 1, 1, false, false, false, $3, $4, '{}', false, 0)`,
        [id, reference, preferred, excluded],
      );
    await insert(typed, 'HX-AAAA', ['d 4', ' bxl-1', 'D 4'], ['BXL-1 ', 'bxl-7']);
    await insert(clean, 'HX-BBBB', ['BXL-2'], ['BXL-3']);

    await harness.runTarget();

    expect(await harness.query('SELECT id, version, preferred_districts, excluded_districts FROM households ORDER BY id')).toEqual([
      { id: typed, version: 4, preferred_districts: ['D 4'], excluded_districts: ['BXL-1', 'BXL-7'] },
      { id: clean, version: 4, preferred_districts: ['BXL-2'], excluded_districts: ['BXL-3'] },
    ]);
  });
});
