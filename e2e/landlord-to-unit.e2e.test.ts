import { Topics } from '@hearth/contracts';
import { aLandlordRegistration, anAgreement, aUnit, bearer, eventually, queryDatabase, readEvents, waitForEvents } from '@hearth/testing';
import { client, Client, draftAndSubmit, Platform } from './support';

const staff = bearer('sra_staff');

/** landlords and units as two processes, talking only through the Kafka test broker. */
describe('from a registered owner to a flat awaiting inspection', () => {
  const platform = new Platform();
  let landlords: Client;
  let units: Client;

  beforeAll(async () => {
    await platform.start(['landlords', 'units']);
    landlords = client(platform.service('landlords').url, staff);
    units = client(platform.service('units').url, staff);
  });

  afterAll(() => platform.stop());

  async function registerVerifyAndSign(): Promise<string> {
    const { body: landlord } = await landlords.post('/landlords', aLandlordRegistration());
    await landlords.post(`/landlords/${landlord.id}/verify`);
    const { body: agreement } = await landlords.post(`/landlords/${landlord.id}/agreements`, anAgreement());
    await landlords.post(`/landlords/${landlord.id}/agreements/${agreement.id}/sign`);
    return landlord.id;
  }

  it('accepts a flat only once the landlord events have arrived over Kafka, then submits it for inspection', async () => {
    const registered = await landlords.post('/landlords', aLandlordRegistration());
    expect(registered.status).toBe(201);
    const landlordId = registered.body.id;
    await waitForEvents(Topics.landlords, landlordId, ['LandlordRegistered']);
    await eventually(async () => {
      const [row] = await queryDatabase(platform.databases.get('units')!, 'SELECT status FROM known_landlords WHERE id = $1', [landlordId]);
      expect(row).toEqual({ status: 'prospect' });
    }, 30_000);

    const tooEarly = await units.post('/units', aUnit().forLandlord(landlordId).build());
    expect(tooEarly).toMatchObject({ status: 409, body: { code: 'UNIT.LANDLORD_NOT_ACTIVE' } });

    await landlords.post(`/landlords/${landlordId}/verify`);
    const { body: agreement } = await landlords.post(`/landlords/${landlordId}/agreements`, anAgreement());
    expect((await landlords.post(`/landlords/${landlordId}/agreements/${agreement.id}/sign`)).status).toBe(200);

    const { unit, submitted } = await draftAndSubmit(units, aUnit().forLandlord(landlordId).build());

    expect(submitted.status).toBe('pending_inspection');
    const [, submittedEvent] = await waitForEvents(Topics.units, unit.id, ['UnitDrafted', 'UnitSubmittedForInspection']);
    expect(submittedEvent.payload).toMatchObject({ unitId: unit.id, landlordId });
    const asOwner = client(platform.service('units').url, bearer('landlord', { landlordId }));
    expect((await asOwner.get(`/units/${unit.id}`)).body.status).toBe('pending_inspection');
  });

  it('loses nothing and applies nothing twice when the units process is killed mid-stream', async () => {
    const unitsDatabase = platform.databases.get('units')!;
    const first = await Promise.all(Array.from({ length: 8 }, registerVerifyAndSign));
    const killing = (async () => {
      await eventually(async () => {
        const [{ n }] = await queryDatabase<{ n: string }>(unitsDatabase, 'SELECT count(*) AS n FROM known_landlords WHERE id = ANY($1)', [first]);
        expect(Number(n)).toBeGreaterThan(0);
      }, 30_000);
      await platform.service('units').kill();
    })();
    const second = await Promise.all(Array.from({ length: 8 }, registerVerifyAndSign));
    await killing;

    await platform.service('units').start();

    const all = [...first, ...second];
    await eventually(async () => {
      const rows = await queryDatabase<{ landlord_version: number; status: string; signed_agreement_ids: string[] }>(
        unitsDatabase,
        'SELECT landlord_version, status, signed_agreement_ids FROM known_landlords WHERE id = ANY($1)',
        [all],
      );
      expect(rows).toHaveLength(16);
      expect(rows.every((r) => r.landlord_version === 3 && r.status === 'active' && r.signed_agreement_ids.length === 1)).toBe(true);
    }, 60_000);
    const published = (await readEvents(Topics.landlords)).filter((e) => all.includes(e.aggregateId)).map((e) => e.id);
    expect(published).toHaveLength(48);
    const recorded = await queryDatabase<{ event_id: string }>(unitsDatabase, 'SELECT event_id FROM inbox WHERE event_id = ANY($1)', [published]);
    expect(recorded).toHaveLength(48);
  }, 180_000);
});
