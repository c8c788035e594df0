import { clearRedisPrefix, queryDatabase, TestApp } from '@hearth/testing';
import { at, FlatStream, History, HouseholdStream, OfferStream, RunStream, startReporting } from './support';

describe('reporting read models (from hearth.applicants, hearth.matching, hearth.units)', () => {
  let service: TestApp & { env: NodeJS.ProcessEnv };
  let history: History;

  beforeAll(async () => {
    service = await startReporting();
    history = await History.connect(service);
  });

  afterAll(async () => {
    await history?.disconnect();
    await service?.close();
    await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
  });

  const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => queryDatabase<T>(service.database, sql, params);

  it('keeps a household’s journey (steps and days, in the agency’s time zone) without its reference or anything personal', async () => {
    const household = new HouseholdStream('housing_led');
    const flat = new FlatStream();
    const offer = new OfferStream(flat.unitId, household);
    await history.applicants(
      household.registered('2019-02-01'),
      household.assessed('2019-02-10', 62.5),
      household.waitlisted(at('2019-02-11')),
      // 23:30 UTC on 30 June is 1 July in Brussels (UTC+2 in summer).
      household.offered(at('2019-06-30', '23:30:00Z'), offer.offerId),
    );
    await history.matching(offer.proposed(at('2019-06-30', '23:00:00Z')), offer.made(at('2019-06-30', '23:30:00Z')), offer.accepted(at('2019-07-03')));
    await history.applied();

    const steps = await rows<{ step: string; on_date: string; priority: string | null }>(
      `SELECT step, on_date::text, priority::text FROM household_steps WHERE household_id = $1 ORDER BY household_version`,
      [household.householdId],
    );
    expect(steps).toEqual([
      { step: 'registered', on_date: '2019-02-01', priority: null },
      { step: 'assessed', on_date: '2019-02-10', priority: '62.50' },
      { step: 'waitlisted', on_date: '2019-02-11', priority: '62.50' },
      { step: 'offered', on_date: '2019-07-01', priority: null },
    ]);
    expect(await rows(`SELECT programme, registered_on::text FROM households WHERE household_id = $1`, [household.householdId])).toEqual([
      { programme: 'housing_led', registered_on: '2019-02-01' },
    ]);
    expect(await rows(`SELECT proposed_on::text, made_on::text, accepted_on::text, declined_on FROM offers WHERE offer_id = $1`, [offer.offerId])).toEqual([
      { proposed_on: '2019-07-01', made_on: '2019-07-01', accepted_on: '2019-07-03', declined_on: null },
    ]);

    // Nothing in the database carries the household's reference code.
    const dump = await rows<{ text: string }>(
      `SELECT string_agg(t::text, ' ') AS text FROM (SELECT * FROM households) t
       UNION ALL SELECT string_agg(t::text, ' ') FROM (SELECT * FROM household_steps) t
       UNION ALL SELECT string_agg(t::text, ' ') FROM (SELECT * FROM offers) t`,
    );
    expect(dump.map((row) => row.text).join(' ')).not.toContain(household.reference);
  });

  it('keeps a flat’s status history once, however often its events arrive, and where it is', async () => {
    const flat = new FlatStream('RPT-RM', 'bld-rm');
    const [drafted, submitted, available] = flat.listed('2019-03-01');
    const reserved = flat.reserved(at('2019-03-20'));
    const released = flat.released(at('2019-03-25'));
    await history.units(drafted, submitted, available, available, reserved, released, { ...released });
    await history.applied();

    const steps = await rows(`SELECT status, on_date::text FROM flat_steps WHERE unit_id = $1 ORDER BY unit_version`, [flat.unitId]);
    expect(steps).toEqual([
      { status: 'draft', on_date: '2019-03-01' },
      { status: 'pending_inspection', on_date: '2019-03-01' },
      { status: 'available', on_date: '2019-03-01' },
      { status: 'reserved', on_date: '2019-03-20' },
      { status: 'available', on_date: '2019-03-25' },
    ]);
    expect(await rows(`SELECT landlord_id, district, building_id FROM flats WHERE unit_id = $1`, [flat.unitId])).toEqual([
      { landlord_id: flat.landlordId, district: 'RPT-RM', building_id: 'bld-rm' },
    ]);
  });

  it('fills an offer from its events in any order (an answer before the proposal it answers)', async () => {
    const household = new HouseholdStream();
    const offer = new OfferStream(new FlatStream().unitId, household);
    const proposed = offer.proposed(at('2019-04-01'));
    const made = offer.made(at('2019-04-02'));
    const declined = offer.declined(at('2019-04-05'), 'household.too_far_from_support');
    await history.matching(declined, made, proposed);
    await history.applied();
    expect(await rows(`SELECT proposed_on::text, made_on::text, declined_on::text, decline_reason, decline_party FROM offers WHERE offer_id = $1`, [offer.offerId])).toEqual([
      { proposed_on: '2019-04-01', made_on: '2019-04-02', declined_on: '2019-04-05', decline_reason: 'household.too_far_from_support', decline_party: 'household' },
    ]);
  });

  it('keeps allocation runs: counts, mode and the board’s decision', async () => {
    const run = new RunStream('optimal');
    await history.matching(run.completed(at('2019-05-01'), 4), run.approved(at('2019-05-02'), 3, 1, 0));
    await history.applied();
    expect(await rows(`SELECT mode, completed_on::text, proposals, certificate_valid, approved_on::text, offers_proposed, excluded FROM allocation_runs WHERE run_id = $1`, [run.runId])).toEqual([
      { mode: 'optimal', completed_on: '2019-05-01', proposals: 4, certificate_valid: true, approved_on: '2019-05-02', offers_proposed: 3, excluded: 1 },
    ]);
  });

  it('marks an erased household and keeps its anonymous journey for statistics', async () => {
    const household = new HouseholdStream();
    await history.applicants(household.registered('2019-01-05'), household.withdrawn(at('2019-01-20')), household.erased('2019-02-01'));
    await history.applied();
    expect(await rows(`SELECT erased_on::text FROM households WHERE household_id = $1`, [household.householdId])).toEqual([{ erased_on: '2019-02-01' }]);
    expect(await rows(`SELECT step FROM household_steps WHERE household_id = $1 ORDER BY household_version`, [household.householdId])).toEqual([
      { step: 'registered' },
      { step: 'withdrawn' },
    ]);
  });
});
