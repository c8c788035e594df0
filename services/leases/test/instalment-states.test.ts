import { Topics } from '@hearth/contracts';
import { bearer, eventually, HouseholdWaitlistStream } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { acceptedOffer, flatInScheme, leasesSuite, staff, TODAY } from './support';

/**
 * Where each instalment of a payment plan stands, as leases tells the household's caseworker, on
 * real PostgreSQL, Redis and the test broker. The tenancy runs from 1 October 2026 at 700.00 +
 * 50.00 = 750.00 a month, nothing paid: 1,500.00 owed on 20 November ("today"), repaid by a plan of
 * three 500.00 instalments on 20 November, 20 December and 20 January. The household pays 800.00
 * on 20 November; then the service restarts on 21 December (December's 750.00 charged since the
 * plan was agreed) and the household pays 500.00 more: 1,300.00 since the plan, 750.00 of it rent.
 */
describe('payment plan instalment states', () => {
  const suite = leasesSuite();
  const caseworkerId = `caseworker-${randomUUID()}`;
  const caseworker = bearer('caseworker', { sub: caseworkerId });
  let tenancyId: string;
  let landlordId: string;

  beforeAll(async () => {
    const { service, producer } = suite;
    const household = new HouseholdWaitlistStream().with('caseworkerId', caseworkerId);
    await producer.send(Topics.applicants, household.householdId, household.waitlisted());
    const flat = await flatInScheme(service, producer);
    landlordId = flat.landlordId;
    const { tenancy } = await acceptedOffer(service, producer, flat.unitId, { householdId: household.householdId, reference: household.reference });
    tenancyId = tenancy.id;
    await service.http
      .put(`/tenancies/${tenancyId}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-10-01', endDate: null })
      .expect(200);
    await service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({}).expect(200);
    await eventually(async () => expect((await service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.balanceCents).toBe(150_000), 30_000);
    await service.http.post(`/tenancies/${tenancyId}/payment-plans`).set(staff).send({ instalments: 3, firstDueDate: TODAY }).expect(201);
  });

  it('says on the plan’s first day which instalments are paid and how much of the next is covered', async () => {
    await suite.service.http.post(`/tenancies/${tenancyId}/payments`).set(staff).send({ amount: 800, receivedOn: TODAY }).expect(201);
    // 800.00 since the plan, no rent charged since: the first 500.00 paid, 300.00 towards the second, nothing towards the third.
    const expected = [
      { seq: 1, dueOn: '2026-11-20', amountCents: 50_000, state: 'paid', coveredCents: 50_000 },
      { seq: 2, dueOn: '2026-12-20', amountCents: 50_000, state: 'due', coveredCents: 30_000 },
      { seq: 3, dueOn: '2027-01-20', amountCents: 50_000, state: 'due', coveredCents: 0 },
    ];
    const { body } = await eventually(() => suite.service.http.get(`/tenancies/${tenancyId}`).set(caseworker).expect(200), 30_000);
    expect(body.balanceCents).toBe(70_000);
    expect(body.paymentPlan).toMatchObject({ status: 'active', totalCents: 150_000, brokenOn: null });
    expect(body.paymentPlan.instalments).toEqual(expected);
    // The caseload's list says the same.
    const { body: list } = await suite.service.http.get('/tenancies?limit=100').set(caseworker).expect(200);
    expect(list.items).toHaveLength(1);
    expect(list.items[0].paymentPlan.instalments).toEqual(expected);
  });

  it('keeps payment details from the landlord and from other caseworkers', async () => {
    const { body } = await suite.service.http.get(`/tenancies/${tenancyId}`).set(bearer('landlord', { landlordId })).expect(200);
    for (const hidden of ['paymentPlan', 'balanceCents', 'arrears', 'paymentReference']) expect(body).not.toHaveProperty(hidden);
    const { body: list } = await suite.service.http.get('/tenancies?limit=100').set(bearer('landlord', { landlordId })).expect(200);
    expect(list.items.map((t: { id: string }) => t.id)).toEqual([tenancyId]);
    expect(list.items[0]).not.toHaveProperty('paymentPlan');
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(bearer('caseworker')).expect(404);
  });

  it('on 21 December: the rent since comes first, the second instalment missed with what covers part of it, the third still to come', async () => {
    const service = await suite.restartOn('2026-12-21');
    // The restarted service's consumer is running (another flat's head lease recorded), so closing it later leaves nothing connecting.
    await flatInScheme(service, suite.producer);
    // December's rent charged on restart: 1,500.00 − 800.00 + 750.00 = 1,450.00 owed.
    await eventually(async () => expect((await service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.balanceCents).toBe(145_000), 30_000);
    await service.http.post(`/tenancies/${tenancyId}/payments`).set(staff).send({ amount: 500, receivedOn: '2026-12-21' }).expect(201);
    // 1,300.00 paid since the plan − 750.00 of December's rent = 550.00 for the plan: 500.00 for the
    // first, 50.00 towards the second (due yesterday: missed), nothing yet for the third (due 20 January).
    const { body } = await service.http.get(`/tenancies/${tenancyId}`).set(caseworker).expect(200);
    expect(body.balanceCents).toBe(95_000);
    expect(body.paymentPlan).toMatchObject({ status: 'broken', brokenOn: '2026-12-21' });
    expect(body.paymentPlan.instalments).toEqual([
      { seq: 1, dueOn: '2026-11-20', amountCents: 50_000, state: 'paid', coveredCents: 50_000 },
      { seq: 2, dueOn: '2026-12-20', amountCents: 50_000, state: 'missed', coveredCents: 5_000 },
      { seq: 3, dueOn: '2027-01-20', amountCents: 50_000, state: 'due', coveredCents: 0 },
    ]);
  });
});
