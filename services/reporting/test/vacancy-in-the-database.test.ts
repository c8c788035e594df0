import { bearer, clearRedisPrefix, queryDatabase, TestApp } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { vacancy } from '../src/indicators/vacancy';
import { startReporting } from './support';

/**
 * The database cuts vacancy spells (IndicatorSource.vacancy) exactly as the definition's pure
 * function does (vacancySpells): random status histories of flats of a district of their own,
 * written straight into the read models, asked for through the API and compared figure by figure.
 */
const staff = bearer('sra_staff');
const STATUSES = ['draft', 'pending_inspection', 'available', 'available', 'reserved', 'reserved', 'let', 'vacating', 'withdrawn', 'available'];

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (offset: number) => new Date(Date.UTC(2004, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

describe('vacancy spells cut by the database', () => {
  let service: TestApp & { env: NodeJS.ProcessEnv };
  const district = `RPT-CUT-${randomUUID().slice(0, 6).toUpperCase()}`;
  const flats: { unitId: string; landlordId: string; district: string; buildingId: string }[] = [];
  const steps: { unitId: string; version: number; status: string; onDate: string }[] = [];
  const ends: { unitId: string; endedOn: string }[] = [];

  beforeAll(async () => {
    service = await startReporting();
    const rnd = random(20_261_201);
    for (let i = 0; i < 300; i++) {
      const flat = { unitId: randomUUID(), landlordId: randomUUID(), district, buildingId: `cut-${i % 40}` };
      flats.push(flat);
      let offset = Math.floor(rnd() * 60);
      for (let version = 1; version <= 2 + (i % 14); version++) {
        offset += Math.floor(rnd() * 40);
        steps.push({ unitId: flat.unitId, version, status: STATUSES[Math.floor(rnd() * STATUSES.length)], onDate: day(offset) });
      }
      for (let k = 0; k < 2; k++) if (rnd() < 0.5) ends.push({ unitId: flat.unitId, endedOn: day(Math.floor(rnd() * 500)) });
    }
    await queryDatabase(
      service.database,
      `INSERT INTO flats (unit_id, landlord_id, district, building_id, unit_version)
       SELECT f.unit_id, f.landlord_id, f.district, f.building_id, 1 FROM jsonb_to_recordset($1::jsonb) AS f(unit_id uuid, landlord_id uuid, district text, building_id text)`,
      [JSON.stringify(flats.map((f) => ({ unit_id: f.unitId, landlord_id: f.landlordId, district: f.district, building_id: f.buildingId })))],
    );
    await queryDatabase(
      service.database,
      `INSERT INTO flat_steps (unit_id, unit_version, status, on_date) SELECT s.unit_id, s.unit_version, s.status, s.on_date FROM jsonb_to_recordset($1::jsonb) AS s(unit_id uuid, unit_version int, status text, on_date date)`,
      [JSON.stringify(steps.map((s) => ({ unit_id: s.unitId, unit_version: s.version, status: s.status, on_date: s.onDate })))],
    );
    await queryDatabase(
      service.database,
      `INSERT INTO tenancies (tenancy_id, unit_id, household_id, started_on, ended_on) SELECT gen_random_uuid(), e.unit_id, gen_random_uuid(), '2003-01-01', e.ended_on FROM jsonb_to_recordset($1::jsonb) AS e(unit_id uuid, ended_on date)`,
      [JSON.stringify(ends.map((e) => ({ unit_id: e.unitId, ended_on: e.endedOn })))],
    );
  });

  afterAll(async () => {
    await queryDatabase(service.database, 'DELETE FROM flat_steps WHERE unit_id = ANY($1::uuid[])', [flats.map((f) => f.unitId)]);
    await queryDatabase(service.database, 'DELETE FROM tenancies WHERE unit_id = ANY($1::uuid[])', [flats.map((f) => f.unitId)]);
    await queryDatabase(service.database, 'DELETE FROM flats WHERE district = $1', [district]);
    await service?.close();
    await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
  });

  it.each([
    ['2004-12-31', '2004-01-01', '2004-12-31'],
    ['2005-06-30', '2005-01-01', '2005-06-30'],
    ['2004-09-15', '2004-03-01', '2004-08-31'],
    ['2006-12-31', '2006-01-01', '2006-12-31'],
  ])('as of %s for %s – %s: the same spells and figures as vacancySpells', async (asOf, from, to) => {
    const { body } = await service.http.get(`/indicators/vacancy?asOf=${asOf}&from=${from}&to=${to}&district=${district}`).set(staff).expect(200);
    const expected = vacancy({ asOf, from, to, district }, flats, steps, ends.filter((e) => e.endedOn <= asOf));
    expect(expected.spells.length).toBeGreaterThan(20);
    expect(body.figures).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
