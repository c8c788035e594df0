import { bearer, MigrationHarness, queryDatabase, TestApp } from '@hearth/testing';
import { matchingMigrations } from '../src/migrations';
import { NormalizeCodes1764200000100 } from '../src/migrations/1764200000100-normalize-codes';
import { aHousehold, aUnit, bedroomLanes, makeAvailable, Publisher, startMatching, waitlist } from './support';

const staff = bearer('sra_staff');
const nextLane = bedroomLanes(4000);

/**
 * A household that excluded a district for its safety (a former partner lives there) must never be
 * matched with a flat of that district, however the district was typed. Units now normalises codes
 * at its edge; matching also normalises the codes of events published before it did, and its
 * migration normalises the rows it stored before.
 */
describe('matching: district codes compared as one code, whatever their spelling', () => {
  let service: TestApp;
  let publisher: Publisher;

  beforeAll(async () => {
    service = await startMatching();
    publisher = await Publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
  });

  it('keeps a household that excluded BXL-1 off the shortlist of a flat whose district was typed "bxl-1 "', async () => {
    const lane = nextLane();
    const excluding = aHousehold(lane).withPriority(90).excluding('BXL-1');
    const other = aHousehold(lane).withPriority(10);
    await waitlist(service, publisher, excluding, other);
    const unit = aUnit(lane).inDistrict('bxl-1 ');

    await makeAvailable(service, publisher, unit);

    const { body } = await service.http.get(`/units/${unit.unitId}/shortlist`).set(staff).expect(200);
    // The other household is on it (the shortlist was computed with both in the pool)…
    expect(body.entries.map((e: { householdId: string }) => e.householdId)).toEqual([other.householdId]);
    // …and the one that excluded the district is not, for the engine's reason.
    const { body: whyNot } = await service.http.get(`/units/${unit.unitId}/why-not/${excluding.householdId}`).set(staff);
    expect(JSON.stringify(whyNot)).toContain('excluded_district');
    const [stored] = await queryDatabase<{ district: string }>(service.database, 'SELECT district FROM available_units WHERE unit_id = $1', [unit.unitId]);
    expect(stored.district).toBe('BXL-1');
  });

  it('prefers a flat of a preferred district typed in another case, and finds it by a filter typed in another case', async () => {
    const lane = nextLane();
    const household = aHousehold(lane).preferring(' d-pref');
    await waitlist(service, publisher, household);
    const unit = aUnit(lane).inDistrict('D-Pref');

    await makeAvailable(service, publisher, unit);

    const { body } = await service.http.get(`/units/${unit.unitId}/shortlist`).set(staff).expect(200);
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0].breakdown.preference).toBeGreaterThan(0);
    const { body: listed } = await service.http.get('/units?district=d-pref%20').set(staff).expect(200);
    expect(listed.items.map((u: { unitId: string }) => u.unitId)).toContain(unit.unitId);
  });
});

describe('matching migration NormalizeCodes', () => {
  let harness: MigrationHarness;

  beforeAll(async () => {
    harness = await MigrationHarness.before(matchingMigrations, NormalizeCodes1764200000100, 'matching_codes');
  });

  afterAll(() => harness?.close());

  it('normalises the stored districts and buildings and drops the shortlists of available units computed from other spellings', async () => {
    const [typed, clean, reserved] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
    const [household, bystander] = ['44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555'];
    const unit = (id: string, district: string, building: string, status: string) =>
      harness.query(
        `INSERT INTO available_units (unit_id, landlord_id, building_id, district, bedrooms, max_occupants, rent, wheelchair_accessible, step_free, pets_allowed, status, unit_version)
         VALUES ($1, $1, $2, $3, 1, 2, 700, false, false, false, $4, 1)`,
        [id, building, district, status],
      );
    await unit(typed, ' bxl-1 ', 'b  12a', 'available');
    await unit(clean, 'BXL-2', 'B 7', 'available');
    await unit(reserved, 'bxl-1', 'b 9', 'reserved');
    const householdRow = (id: string, excluded: string[], preferred: string[]) =>
      harness.query(
        `INSERT INTO waitlisted_households (household_id, reference, programme, status, household_size, bedrooms_needed, max_rent, wheelchair, step_free, pets,
                                            excluded_districts, preferred_districts, priority, waiting_since, household_version)
         VALUES ($1, 'HX-AAAA', 'general', 'waitlisted', 2, 1, 900, false, false, false, $2, $3, 50, '2026-01-01', 1)`,
        [id, excluded, preferred],
      );
    await householdRow(household, ['BXL-1'], ['bxl-2', 'BXL-2 ', 'd 4']);
    await householdRow(bystander, ['BXL-3'], ['BXL-2']);
    const shortlist = (unitId: string, householdIds: string[]) =>
      harness.query(
        `INSERT INTO shortlists (unit_id, unit_version, policy, k, candidates, entries, computed_at) VALUES ($1, 1, '{}', 10, $2, $3, now())`,
        [unitId, householdIds.length, JSON.stringify(householdIds.map((householdId, i) => ({ rank: i + 1, householdId })))],
      );
    await shortlist(typed, [household]);
    await shortlist(clean, [household, bystander]);
    await shortlist(reserved, [household]);

    await harness.runTarget();

    expect(await harness.query('SELECT unit_id, district, building_id FROM available_units ORDER BY unit_id')).toEqual([
      { unit_id: typed, district: 'BXL-1', building_id: 'B 12A' },
      { unit_id: clean, district: 'BXL-2', building_id: 'B 7' },
      { unit_id: reserved, district: 'BXL-1', building_id: 'B 9' },
    ]);
    expect(await harness.query('SELECT household_id, excluded_districts, preferred_districts FROM waitlisted_households ORDER BY household_id')).toEqual([
      { household_id: household, excluded_districts: ['BXL-1'], preferred_districts: ['BXL-2', 'D 4'] },
      { household_id: bystander, excluded_districts: ['BXL-3'], preferred_districts: ['BXL-2'] },
    ]);
    // The typed unit's shortlist and the one naming the renormalised household are dropped (recomputed on the next read);
    // the reserved unit's stays as the record of what was offered.
    expect(await harness.query('SELECT unit_id FROM shortlists ORDER BY unit_id')).toEqual([{ unit_id: reserved }]);
  });
});
