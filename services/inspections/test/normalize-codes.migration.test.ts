import { MigrationHarness } from '@hearth/testing';
import { inspectionsMigrations } from '../src/migrations';
import { NormalizeCodes1764200000100 } from '../src/migrations/1764200000100-normalize-codes';

describe('inspections migration NormalizeCodes', () => {
  let harness: MigrationHarness;

  beforeAll(async () => {
    harness = await MigrationHarness.before(inspectionsMigrations, NormalizeCodes1764200000100, 'inspections_codes');
  });

  afterAll(() => harness?.close());

  it('normalises the unit directory’s districts, buildings and postal codes stored as typed', async () => {
    const [typed, clean] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const insert = (id: string, district: string, building: string, postal: string) =>
      harness.query(
        `INSERT INTO known_units (id, landlord_id, address, postal_code, city, district, building_id, unit_version) VALUES ($1, $1, 'Rue Haute 1', $4, 'Brussels', $2, $3, 2)`,
        [id, district, building, postal],
      );
    await insert(typed, ' bxl-1', 'bld\t9', 'sw1a  1aa ');
    await insert(clean, 'BXL-2', 'BLD-3', '1000');

    await harness.runTarget();

    expect(await harness.query('SELECT id, district, building_id, postal_code, unit_version FROM known_units ORDER BY id')).toEqual([
      { id: typed, district: 'BXL-1', building_id: 'BLD 9', postal_code: 'SW1A 1AA', unit_version: 2 },
      { id: clean, district: 'BXL-2', building_id: 'BLD-3', postal_code: '1000', unit_version: 2 },
    ]);
  });
});
