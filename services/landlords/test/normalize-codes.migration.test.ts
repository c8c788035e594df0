import { MigrationHarness } from '@hearth/testing';
import { landlordsMigrations } from '../src/migrations';
import { NormalizeCodes1764200000100 } from '../src/migrations/1764200000100-normalize-codes';

describe('landlords migration NormalizeCodes', () => {
  let harness: MigrationHarness;

  beforeAll(async () => {
    harness = await MigrationHarness.before(landlordsMigrations, NormalizeCodes1764200000100, 'landlords_codes');
  });

  afterAll(() => harness?.close());

  it('normalises company numbers stored as typed and leaves a landlord without one alone', async () => {
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
    const insert = (id: string, kind: string, companyNumber: string | null) =>
      harness.query(
        `INSERT INTO landlords (id, version, kind, name, company_number, contact, preferred_language, bank_account_encrypted, bank_account_masked, status)
         VALUES ($1, 1, $2, 'Owner', $3, '{}', 'nl', 'x', 'BE68 **** **** 7034', 'prospect')`,
        [id, kind, companyNumber],
      );
    await insert(ids[0], 'company', ' be  0123.456.789 ');
    await insert(ids[1], 'company', 'BE 0987.654.321');
    await insert(ids[2], 'individual', null);

    await harness.runTarget();

    expect(await harness.query('SELECT id, company_number FROM landlords ORDER BY id')).toEqual([
      { id: ids[0], company_number: 'BE 0123.456.789' },
      { id: ids[1], company_number: 'BE 0987.654.321' },
      { id: ids[2], company_number: null },
    ]);
  });
});
