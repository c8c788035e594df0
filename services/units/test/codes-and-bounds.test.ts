import { Topics } from '@hearth/contracts';
import { aUnit, MigrationHarness, queryDatabase, TestApp, TestProducer, waitForEvents } from '@hearth/testing';
import { unitsMigrations } from '../src/migrations';
import { NormalizeCodes1764200000100 } from '../src/migrations/1764200000100-normalize-codes';
import { heardActiveLandlord, staff, startUnits } from './support';

/**
 * Codes that identify things are normalised once, at the edge (a district typed `bxl-1 ` is
 * `BXL-1` everywhere it is compared), and input a column cannot hold is a 400 naming the field,
 * with nothing written and nothing published.
 */
describe('units: codes normalised at the edge, bounded input', () => {
  let service: TestApp;
  let producer: TestProducer;
  let landlordId: string;

  beforeAll(async () => {
    service = await startUnits();
    producer = await TestProducer.connect();
    landlordId = await heardActiveLandlord(service, producer);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  async function counts() {
    const [row] = await queryDatabase(service.database, 'SELECT (SELECT count(*) FROM units) AS units, (SELECT coalesce(sum(version), 0) FROM units) AS versions, (SELECT count(*) FROM outbox) AS outbox');
    return row;
  }

  it('stores, shows and publishes the district, building and postal code normalised, and finds the flat by a filter typed another way', async () => {
    const flat = aUnit().forLandlord(landlordId).withDistrict('bxl-1 ').with('buildingId', ' bld  rue-haute-9 ').with('postalCode', '1012 ab').build();

    const { body } = await service.http.post('/units').set(staff).send(flat).expect(201);

    expect(body).toMatchObject({ districtCode: 'BXL-1', buildingId: 'BLD RUE-HAUTE-9', postalCode: '1012 AB' });
    const [row] = await queryDatabase(service.database, 'SELECT district_code, building_id, postal_code FROM units WHERE id = $1', [body.id]);
    expect(row).toEqual({ district_code: 'BXL-1', building_id: 'BLD RUE-HAUTE-9', postal_code: '1012 AB' });
    const [drafted] = await waitForEvents(Topics.units, body.id, ['UnitDrafted']);
    expect(drafted.payload).toMatchObject({ district: 'BXL-1', buildingId: 'BLD RUE-HAUTE-9', postalCode: '1012 AB' });
    const { body: found } = await service.http.get('/units?districtCode=%20bxl-1&limit=100').set(staff).expect(200);
    expect(found.items.map((u: { id: string }) => u.id)).toContain(body.id);
  });

  it.each([
    ['an oversized rent', { rent: 1e12 }, 'rent'],
    ['a rent with three decimals', { rent: 690.555 }, 'rent'],
    ['service charges beyond a monthly amount', { serviceCharges: 250_000 }, 'serviceCharges'],
    ['a move-in date in year 0000', { availableFrom: '0000-01-01' }, 'availableFrom'],
    ['a move-in date in year 20000', { availableFrom: '20000-01-01' }, 'availableFrom'],
    ['a bedroom count beyond an int', { bedrooms: 2 ** 40 }, 'bedrooms'],
    ['a control character in the address', { address: 'Rue Haute\u0007 120' }, 'address'],
    ['a NUL in the city', { city: 'Brus\u0000sels' }, 'city'],
    // Found by the OpenAPI fuzz test: accepted, it reached UnitDrafted as `\ud800`, which PostgreSQL's json refuses to read.
    ['a lone surrogate in the address', { address: 'Rue \uD800 Haute' }, 'address'],
    ['a district code of symbols', { districtCode: '#$%' }, 'districtCode'],
    ['an address of 10,000 characters', { address: 'a'.repeat(10_000) }, 'address'],
  ])('refuses %s with a 400 naming the field, writing and publishing nothing', async (_case, change, field) => {
    const before = await counts();

    const response = await service.http.post('/units').set(staff).send({ ...aUnit().forLandlord(landlordId).build(), ...change });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a NUL in a filter', '/units?districtCode=BXL%00', 'districtCode'],
    ['a bedroom filter beyond an int', '/units?bedrooms=99999999999', 'bedrooms'],
    ['an empty bedroom filter', '/units?bedrooms=', 'bedrooms'],
    ['a hexadecimal bedroom filter', '/units?minBedrooms=0x2', 'minBedrooms'],
    ['an oversized rent filter', '/units?maxRent=1e300', 'maxRent'],
    ['a page beyond any list', '/units?offset=100000000000000000000', 'offset'],
    ['a page size of zero', '/units?limit=0', 'limit'],
  ])('refuses %s with a 400 naming the field', async (_case, url, field) => {
    const response = await service.http.get(url).set(staff);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('units migration NormalizeCodes', () => {
  let harness: MigrationHarness;

  beforeAll(async () => {
    harness = await MigrationHarness.before(unitsMigrations, NormalizeCodes1764200000100, 'units_codes');
  });

  afterAll(() => harness?.close());

  it('normalises the districts, buildings and postal codes stored as typed, and leaves versions alone', async () => {
    const insert = (id: string, district: string, building: string, postal: string) =>
      harness.query(
        `INSERT INTO units (id, version, landlord_id, status, address, postal_code, city, district_code, building_id, type, bedrooms, floor_area, floor,
                            elevator, step_free, wheelchair_accessible, max_occupants, rent, service_charges, energy_label, pets_allowed, furnished)
         VALUES ($1, 3, $1, 'available', 'Rue Haute 1', $4, 'Brussels', $2, $3, 'apartment', 2, 60, 0, false, false, false, 4, 700, 40, 'C', false, false)`,
        [id, district, building, postal],
      );
    const [typed, clean] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    await insert(typed, 'bxl-1 ', ' bld  9 ', '1012  ab');
    await insert(clean, 'BXL-2', 'BLD-3', '1000');

    await harness.runTarget();

    expect(await harness.query('SELECT id, version, district_code, building_id, postal_code FROM units ORDER BY id')).toEqual([
      { id: typed, version: 3, district_code: 'BXL-1', building_id: 'BLD 9', postal_code: '1012 AB' },
      { id: clean, version: 3, district_code: 'BXL-2', building_id: 'BLD-3', postal_code: '1000' },
    ]);
  });
});
