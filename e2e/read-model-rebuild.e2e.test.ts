import { aConsent, aHouseholdRegistration, anAssessment, aUnit, bearer, eventually, queryDatabase, someNeeds } from '@hearth/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { client, Client, passInitialInspection, Platform, submittedFlat } from './support';

const run = promisify(execFile);

const staff = bearer('sra_staff');
const admin = bearer('sra_admin');

/**
 * A read model dropped and rebuilt from scratch: the consumers empty theirs, the owners publish a
 * snapshot of every aggregate, and each read model ends equal to what it was — and to its source —
 * without replaying the topics' history.
 */
describe('rebuilding read models from snapshots', () => {
  const platform = new Platform();
  const at = (name: Parameters<Platform['service']>[0], headers = staff): Client => client(platform.service(name).url, headers);

  beforeAll(async () => {
    await platform.start(['landlords', 'units', 'inspections', 'applicants', 'matching']);
  }, 180_000);

  afterAll(() => platform.stop());

  const db = (name: Parameters<Platform['service']>[0]) => platform.databases.get(name)!;
  /** The ids of this platform's own aggregates (other suites publish on the same test broker). */
  const ownIds = async (service: Parameters<Platform['service']>[0], table: string) =>
    (await queryDatabase<{ id: string }>(db(service), `SELECT id FROM ${table}`)).map((row) => row.id);
  const rowCount = async (service: Parameters<Platform['service']>[0], table: string) =>
    Number((await queryDatabase<{ n: string }>(db(service), `SELECT count(*) AS n FROM ${table}`))[0].n);
  /** Every read model's rows about this platform's aggregates, in a comparable form (no timestamps). */
  async function readModels() {
    // Landlords also learns of sign-ups other suites make at their gateways: keep to this platform's owners.
    const unitIds = await ownIds('units', 'units');
    const landlordIds = (await queryDatabase<{ landlord_id: string }>(db('units'), 'SELECT DISTINCT landlord_id FROM units')).map((row) => row.landlord_id);
    const householdIds = await ownIds('applicants', 'households');
    return {
      knownLandlords: await queryDatabase(db('units'), 'SELECT id, status, landlord_version, signed_agreement_ids FROM known_landlords WHERE id = ANY($1) ORDER BY id', [landlordIds]),
      unitPool: await queryDatabase(db('matching'), 'SELECT unit_id, status, unit_version, district, bedrooms, rent FROM available_units WHERE unit_id = ANY($1) ORDER BY unit_id', [unitIds]),
      householdPool: await queryDatabase(
        db('matching'),
        'SELECT household_id, status, priority, preferred_districts FROM waitlisted_households WHERE household_id = ANY($1) ORDER BY household_id',
        [householdIds],
      ),
      unitDirectory: await queryDatabase(db('inspections'), 'SELECT id, landlord_id, district, withdrawn FROM known_units WHERE id = ANY($1) ORDER BY id', [unitIds]),
    };
  }

  it('empties the read models of units, inspections and matching, then rebuilds each equal to what it was', async () => {
    const landlords = at('landlords');
    const units = at('units');
    const flats = [];
    for (const bedrooms of [1, 2]) {
      flats.push(await submittedFlat(landlords, units, (landlordId) => aUnit().forLandlord(landlordId).withDistrict('REBUILD-1').withBedrooms(bedrooms).withRent(650).build()));
    }
    await passInitialInspection(platform, at('inspections'), flats[0].unitId, 'inspector-rebuild');
    const applicants = at('applicants');
    const households: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body: household } = await applicants.post('/households', aHouseholdRegistration().build());
      await applicants.post(`/households/${household.id}/consent`, aConsent().build());
      await applicants.put(`/households/${household.id}/needs`, someNeeds().prefers('REBUILD-1').rentSetTo(900).build());
      await applicants.post(`/households/${household.id}/assessments`, anAssessment().build());
      expect((await applicants.post(`/households/${household.id}/waitlist`)).status).toBe(200);
      households.push(household.id);
    }
    const before = await eventually(async () => {
      const models = await readModels();
      expect(models.knownLandlords).toHaveLength(2);
      expect(models.unitPool.map((row) => [row.unit_id, row.status])).toEqual([[flats[0].unitId, 'available']]);
      expect(models.householdPool.filter((row) => row.status === 'waitlisted').map((row) => row.household_id).sort()).toEqual([...households].sort());
      expect(models.unitDirectory).toHaveLength(2);
      return models;
    }, 120_000);

    // Only an administrator may reset or snapshot.
    expect((await at('matching').post('/admin/read-models/reset', {})).status).toBe(403);
    for (const consumer of ['units', 'inspections', 'matching'] as const) {
      const reset = await at(consumer, admin).post('/admin/read-models/reset', {});
      expect(reset.status).toBe(200);
    }
    expect(await readModels()).toEqual({ knownLandlords: [], unitPool: [], householdPool: [], unitDirectory: [] });

    const published: Record<string, Record<string, number>> = {};
    for (const owner of ['landlords', 'units', 'applicants'] as const) {
      const { status, body } = await at(owner, admin).post('/admin/snapshots', {});
      expect(status).toBe(200);
      published[owner] = body.published;
    }
    expect(published).toEqual({ landlords: { Landlord: await rowCount('landlords', 'landlords') }, units: { Unit: 2 }, applicants: { Household: 3 } });

    await eventually(async () => expect(await readModels()).toEqual(before), 120_000);
    // The rebuilt pool works: the available flat's shortlist is computed again, with the households.
    await eventually(async () => {
      const { body } = await at('matching').get(`/units/${flats[0].unitId}/shortlist`);
      expect(body.entries.map((entry: { householdId: string }) => entry.householdId).sort()).toEqual([...households].sort());
    }, 60_000);
  }, 400_000);

  it('does the same with one command: npm run rebuild-read-models, repairing a read model that had drifted', async () => {
    const before = await readModels();
    expect(before.unitPool.length).toBeGreaterThan(0);
    // A drifted copy: the pool's rent no longer says what units says. A snapshot alone would not
    // repair it (same version), so only an emptied read model rebuilt from snapshots comes back right.
    await queryDatabase(db('matching'), 'UPDATE available_units SET rent = 1 WHERE unit_id = $1', [before.unitPool[0].unit_id]);

    const urls = Object.fromEntries(
      (['landlords', 'units', 'inspections', 'applicants', 'matching'] as const).map((name) => [`HEARTH_${name.toUpperCase()}_URL`, platform.service(name).url]),
    );
    const root = join(__dirname, '..');
    const { stdout } = await run(process.execPath, ['-r', join(root, 'tools/register.js'), join(root, 'tools/operations/rebuild-read-models.ts')], {
      cwd: root,
      env: { ...process.env, ...urls, HEARTH_TOKEN: admin.Authorization.replace('Bearer ', '') },
    });

    expect(stdout).toContain('matching: emptied');
    expect(stdout).toContain(`landlords: published ${await rowCount('landlords', 'landlords')} Landlord snapshots`);
    expect(stdout).toContain('units: published 2 Unit snapshots');
    expect(stdout).toContain('applicants: published 3 Household snapshots');
    await eventually(async () => expect(await readModels()).toEqual(before), 120_000);
  }, 300_000);
});
