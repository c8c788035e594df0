import { Topics } from '@hearth/contracts';
import { eventually, OfferEventStream, queryDatabase, settled, TestApp, TestProducer, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { applicantEvents, HouseholdJourney, staff, startApplicants } from './support';

/** The applicants service hearing hearth.matching: an open offer takes a household out of the
 *  pool; a declined, expired or withdrawn one puts it back with its priority unchanged. */
describe('households reacting to offers', () => {
  let service: TestApp;
  let producer: TestProducer;
  let journey: HouseholdJourney;

  beforeAll(async () => {
    ({ service } = await startApplicants());
    producer = await TestProducer.connect();
    journey = new HouseholdJourney(service);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  const publish = (event: { aggregateId: string }) => producer.send(Topics.matching, event.aggregateId, event);
  const household = async (id: string) =>
    (await queryDatabase<{ status: string; priority: string }>(service.database, 'SELECT status, priority FROM households WHERE id = $1', [id]))[0];

  it.each([
    ['declined', (offer: OfferEventStream) => offer.declined()],
    ['expired', (offer: OfferEventStream) => offer.expired()],
    ['withdrawn', (offer: OfferEventStream) => offer.withdrawn('offered', 'error_in_offer')],
  ])('marks a household offered, and returns it to the waitlist with the same priority when the offer is %s', async (_case, answer) => {
    const { id, reference } = await journey.waitlisted();
    const before = await household(id);
    const offer = new OfferEventStream({ unitId: randomUUID(), householdId: id, reference });

    await publish(offer.made());
    await eventually(async () => expect((await household(id)).status).toBe('offered'), 30_000);
    await publish(answer(offer));

    await eventually(async () => expect(await household(id)).toEqual({ status: 'waitlisted', priority: before.priority }), 30_000);
    const types = (await applicantEvents(id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['ApplicantOffered', 'ApplicantWaitlisted']);
    const { body } = await service.http.get(`/households/${id}`).set(staff).expect(200);
    expect(body.status).toBe('waitlisted');
  });

  it('keeps a household offered when it accepts, and ignores the answer to an offer it is not waiting on', async () => {
    const { id, reference } = await journey.waitlisted();
    const current = new OfferEventStream({ unitId: randomUUID(), householdId: id, reference });
    const stale = new OfferEventStream({ unitId: randomUUID(), householdId: id, reference });
    await publish(current.made());
    await eventually(async () => expect((await household(id)).status).toBe('offered'), 30_000);

    const unrelated = stale.declined();
    await publish(current.accepted());
    await publish(unrelated);

    await eventually(async () => {
      expect(await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [unrelated.id])).toHaveLength(1);
    }, 30_000);
    await settled(service);
    expect((await household(id)).status).toBe('offered');
  });

  it('tells matching who may answer a waitlisted household’s offers when a caseworker is assigned', async () => {
    const { id, reference } = await journey.waitlisted();

    await service.http.put(`/households/${id}/caseworker`).set(staff).send({ caseworkerId: 'caseworker-olga' }).expect(200);

    // CaseworkerAssigned alone (decision 0018): nothing matching ranks on changed.
    const events = await waitForEvents(Topics.applicants, id, ['ApplicantWaitlisted', 'CaseworkerAssigned']);
    expect(events.find((e) => e.type === 'CaseworkerAssigned')!.payload).toEqual({ householdId: id, reference, caseworkerId: 'caseworker-olga' });
    expect(events.map((e) => e.type)).not.toContain('ApplicantNeedsChanged');
  });
});
