import { Topics } from '@hearth/contracts';
import { eventually, OfferEventStream, queryDatabase, readEvents, settled, TenancyEventStream, TestApp, TestProducer, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { HouseholdJourney, staff, startApplicants } from './support';

/** The applicants service hearing hearth.leases: the household whose tenancy starts is housed. */
describe('households reacting to tenancies', () => {
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

  const statusOf = async (id: string) => (await queryDatabase<{ status: string }>(service.database, 'SELECT status FROM households WHERE id = $1', [id]))[0].status;

  it('houses the offered household when its tenancy starts, publishing ApplicantHoused with references only', async () => {
    const { id, reference } = await journey.waitlisted();
    const unitId = randomUUID();
    const offer = new OfferEventStream({ unitId, householdId: id, reference });
    await producer.send(Topics.matching, offer.offerId, offer.made());
    await producer.send(Topics.matching, offer.offerId, offer.accepted());
    await eventually(async () => expect(await statusOf(id)).toBe('offered'), 30_000);

    const tenancy = new TenancyEventStream({ unitId, householdId: id, reference, landlordId: randomUUID() });
    await producer.send(Topics.leases, tenancy.tenancyId, tenancy.started());

    await eventually(async () => expect(await statusOf(id)).toBe('housed'), 30_000);
    const housed = (await waitForEvents(Topics.applicants, id, ['ApplicantOffered', 'ApplicantHoused'])).find((e) => e.type === 'ApplicantHoused')!;
    expect(housed.payload).toEqual({ householdId: id, reference, status: 'housed', tenancyId: tenancy.tenancyId });
  });

  it('publishes CaseworkerAssigned (ids only) when a housed household gets another caseworker, then none — never ApplicantNeedsChanged', async () => {
    const { id, reference } = await journey.waitlisted();
    const unitId = randomUUID();
    const offer = new OfferEventStream({ unitId, householdId: id, reference });
    await producer.send(Topics.matching, offer.offerId, offer.made());
    await producer.send(Topics.matching, offer.offerId, offer.accepted());
    await eventually(async () => expect(await statusOf(id)).toBe('offered'), 30_000);
    const tenancy = new TenancyEventStream({ unitId, householdId: id, reference, landlordId: randomUUID() });
    await producer.send(Topics.leases, tenancy.tenancyId, tenancy.started());
    await eventually(async () => expect(await statusOf(id)).toBe('housed'), 30_000);
    const [{ version: housedVersion }] = await queryDatabase<{ version: number }>(service.database, 'SELECT version FROM households WHERE id = $1', [id]);

    const newCaseworker = `caseworker-${randomUUID()}`;
    const { body: reassigned } = await service.http.put(`/households/${id}/caseworker`).set(staff).send({ caseworkerId: newCaseworker, expectedVersion: housedVersion }).expect(200);
    expect(reassigned).toMatchObject({ status: 'housed', caseworkerId: newCaseworker, version: housedVersion + 1 });
    await service.http.put(`/households/${id}/caseworker`).set(staff).send({ caseworkerId: null }).expect(200);

    await eventually(async () => {
      const assigned = (await readEvents(Topics.applicants, id)).filter((e) => e.type === 'CaseworkerAssigned');
      expect(assigned.map((e) => [e.aggregateVersion, e.payload])).toEqual([
        [housedVersion + 1, { householdId: id, reference, caseworkerId: newCaseworker }],
        [housedVersion + 2, { householdId: id, reference, caseworkerId: null }],
      ]);
    }, 30_000);
    // Both changes are on the topic (the positive signal): neither published matching attributes.
    const after = (await readEvents(Topics.applicants, id)).filter((e) => e.aggregateVersion > housedVersion);
    expect(after.map((e) => e.type)).toEqual(['CaseworkerAssigned', 'CaseworkerAssigned']);
  });

  it('ignores a tenancy start for a household that was not offered a home (logged, never dead-lettered)', async () => {
    const { id, reference } = await journey.waitlisted();
    const stray = new TenancyEventStream({ unitId: randomUUID(), householdId: id, reference, landlordId: randomUUID() }).started();
    await producer.send(Topics.leases, stray.aggregateId, stray);
    await eventually(async () => {
      expect(await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [stray.id])).toHaveLength(1);
    }, 30_000);
    await settled(service);
    expect(await statusOf(id)).toBe('waitlisted');
  });
});
