import { Topics } from '@hearth/contracts';
import { bearer, eventually, HouseholdWaitlistStream, queryDatabase } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { acceptedOffer, flatInScheme, leasesSuite, staff, TODAY } from './support';

/**
 * A caseworker reads the tenancy, balance and payment plan of the households on their caseload
 * (as hearth.applicants announces it), on real PostgreSQL, Redis and the test broker; anyone
 * else's tenancy is 404, and what caseworkers may not do at all is 403. "Today" is 20 November
 * 2026; the tenancy runs from 1 October at 700.00 + 50.00, nothing paid: 150,000 owed.
 */
describe('caseworker access to tenancies', () => {
  const suite = leasesSuite();
  const caseworkerId = `caseworker-${randomUUID()}`;
  const colleagueId = `caseworker-${randomUUID()}`;
  const caseworker = bearer('caseworker', { sub: caseworkerId });
  const colleague = bearer('caseworker', { sub: colleagueId });
  let household: HouseholdWaitlistStream;
  let tenancyId: string;
  let headLeaseId: string;
  let otherTenancyId: string;

  beforeAll(async () => {
    // The household on the caseworker's caseload, as applicants announced it when it was waitlisted.
    household = new HouseholdWaitlistStream().with('caseworkerId', caseworkerId);
    await suite.producer.send(Topics.applicants, household.householdId, household.waitlisted());
    const flat = await flatInScheme(suite.service, suite.producer);
    headLeaseId = flat.headLeaseId;
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId, { householdId: household.householdId, reference: household.reference });
    tenancyId = tenancy.id;
    await suite.service.http
      .put(`/tenancies/${tenancyId}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-10-01', endDate: null })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({}).expect(200);
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.balanceCents).toBe(150_000), 30_000);
    // 150,000 over three instalments of 50,000 from 20 November.
    await suite.service.http.post(`/tenancies/${tenancyId}/payment-plans`).set(staff).send({ instalments: 3, firstDueDate: TODAY }).expect(201);
    // Another household's tenancy, on nobody's caseload.
    const otherFlat = await flatInScheme(suite.service, suite.producer);
    otherTenancyId = (await acceptedOffer(suite.service, suite.producer, otherFlat.unitId)).tenancy.id;
  });

  it('shows the caseworker the tenancy, its balance and its payment plan — not the landlord, the history or the ledger', async () => {
    const { body } = await eventually(() => suite.service.http.get(`/tenancies/${tenancyId}`).set(caseworker).expect(200), 30_000);
    expect(body).toMatchObject({
      id: tenancyId,
      householdId: household.householdId,
      reference: household.reference,
      status: 'active',
      rentCents: 70_000,
      serviceChargesCents: 5_000,
      startDate: '2026-10-01',
      balanceCents: 150_000,
      arrears: { ageing: '31_60' },
      paymentPlan: {
        status: 'active',
        totalCents: 150_000,
        agreedOn: TODAY,
        instalments: [
          { seq: 1, dueOn: '2026-11-20', amountCents: 50_000 },
          { seq: 2, dueOn: '2026-12-20', amountCents: 50_000 },
          { seq: 3, dueOn: '2027-01-20', amountCents: 50_000 },
        ],
      },
    });
    expect(body.paymentReference).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    for (const hidden of ['landlordId', 'headLeaseId', 'history', 'offerId', 'version']) expect(body).not.toHaveProperty(hidden);

    // The list is the caseload's tenancies only.
    const { body: list } = await suite.service.http.get('/tenancies?limit=100').set(caseworker).expect(200);
    expect(list.items.map((t: { id: string }) => t.id)).toEqual([tenancyId]);
    expect(list.items[0]).toMatchObject({ balanceCents: 150_000, paymentPlan: { status: 'active', totalCents: 150_000 } });
  });

  it('answers 404 for a tenancy of a household not on the caseworker’s caseload', async () => {
    await suite.service.http.get(`/tenancies/${otherTenancyId}`).set(caseworker).expect(404);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(colleague).expect(404);
    await suite.service.http.get(`/tenancies/${randomUUID()}`).set(caseworker).expect(404);
    expect((await suite.service.http.get('/tenancies?limit=100').set(colleague).expect(200)).body.items).toEqual([]);
    expect((await suite.service.http.get(`/tenancies?householdId=${household.householdId}`).set(colleague).expect(200)).body.items).toEqual([]);
  });

  it('refuses (403) what a caseworker may not do or read at all', async () => {
    await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(caseworker).expect(403);
    await suite.service.http.post(`/tenancies/${tenancyId}/payments`).set(caseworker).send({ amount: 10, receivedOn: TODAY }).expect(403);
    await suite.service.http.post(`/tenancies/${tenancyId}/payment-plans`).set(caseworker).send({ instalments: 2, firstDueDate: TODAY }).expect(403);
    await suite.service.http.get(`/head-leases/${headLeaseId}/statement`).set(caseworker).expect(403);
    await suite.service.http.get('/claims').set(caseworker).expect(403);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(bearer('inspector')).expect(403);
    await suite.service.http.get(`/tenancies/${tenancyId}`).expect(401);
  });

  it('follows the household to its new caseworker', async () => {
    await suite.producer.send(Topics.applicants, household.householdId, household.with('caseworkerId', colleagueId).needsChanged('housed'));
    await eventually(() => suite.service.http.get(`/tenancies/${tenancyId}`).set(colleague).expect(200), 30_000);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(caseworker).expect(404);
    // An older event heard late changes nothing: a stale waitlisting (version 2) naming the first caseworker,
    // then a newer event (version 6) that names no caseworker — the positive signal, on the same key, that both were heard.
    const stale = new HouseholdWaitlistStream({ version: 1 });
    Object.assign(stale, { householdId: household.householdId, reference: household.reference });
    await suite.producer.send(Topics.applicants, household.householdId, stale.with('caseworkerId', caseworkerId).waitlisted());
    await suite.producer.send(Topics.applicants, household.householdId, household.with('caseworkerId', undefined).needsChanged('housed'));
    await eventually(async () => {
      expect(await queryDatabase(suite.service.database, 'SELECT household_version, caseworker_id FROM known_households WHERE household_id = $1', [household.householdId])).toEqual([
        { household_version: 6, caseworker_id: colleagueId },
      ]);
    }, 30_000);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(caseworker).expect(404);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(colleague).expect(200);
  });
});
