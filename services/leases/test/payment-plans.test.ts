import { Topics } from '@hearth/contracts';
import { eventually, readEvents, waitForEvents } from '@hearth/testing';
import { CommandBus } from '@nestjs/cqrs';
import { ReviewArrearsCommand } from '../src/ledger/commands/review-arrears/review-arrears.handler';
import { acceptedOffer, flatInScheme, leasesSuite, staff, TODAY } from './support';

/**
 * Payment plans on real infrastructure. Two tenancies from 1 October, 75,000 a month, nothing paid:
 * 150,000 owed on 20 November. Each agrees a plan of three 50,000 instalments from 20 November; one
 * pays the first, the other does not. Then the service restarts a day later (21 November).
 */
describe('payment plans', () => {
  const suite = leasesSuite();

  async function tenancyInArrears(): Promise<string> {
    const flat = await flatInScheme(suite.service, suite.producer);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    await suite.service.http
      .put(`/tenancies/${tenancy.id}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-10-01', endDate: null })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancy.id}/sign`).set(staff).send({}).expect(200);
    await eventually(async () => {
      const { body } = await suite.service.http.get(`/tenancies/${tenancy.id}`).set(staff).expect(200);
      expect(body).toMatchObject({ balanceCents: 150_000, arrears: { stage: 'established' } });
    }, 30_000);
    return tenancy.id;
  }

  it('holds the ladder while kept, and reopens it when an instalment is missed', async () => {
    const keeping = await tenancyInArrears();
    const missing = await tenancyInArrears();

    const bad = await suite.service.http.post(`/tenancies/${keeping}/payment-plans`).set(staff).send({ instalments: 0, firstDueDate: '2026-02-30' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['instalments', 'firstDueDate']));
    await suite.service.http.post(`/tenancies/${keeping}/payment-plans`).set(staff).send({ instalments: 3, firstDueDate: '2026-11-19' }).expect(409);

    for (const id of [keeping, missing]) {
      const { body: plan } = await suite.service.http.post(`/tenancies/${id}/payment-plans`).set(staff).send({ instalments: 3, firstDueDate: TODAY }).expect(201);
      expect(plan).toMatchObject({
        status: 'active',
        totalCents: 150_000,
        instalments: [
          { seq: 1, dueOn: '2026-11-20', amountCents: 50_000 },
          { seq: 2, dueOn: '2026-12-20', amountCents: 50_000 },
          { seq: 3, dueOn: '2027-01-20', amountCents: 50_000 },
        ],
      });
      const agreed = (await waitForEvents(Topics.leases, id, ['PaymentPlanAgreed'])).find((e) => e.type === 'PaymentPlanAgreed')!;
      expect(agreed.payload).toMatchObject({ totalCents: 150_000, instalments: 3, firstDueDate: TODAY });
    }
    const twice = await suite.service.http.post(`/tenancies/${keeping}/payment-plans`).set(staff).send({ instalments: 2, firstDueDate: TODAY }).expect(409);
    expect(twice.body.code).toBe('PAYMENT_PLAN.ALREADY_ACTIVE');
    await suite.service.http.post(`/tenancies/${keeping}/payments`).set(staff).send({ amount: 500, receivedOn: TODAY }).expect(201);

    // A day later.
    await suite.restartOn('2026-11-21');
    const commands = suite.service.app.get(CommandBus);
    await commands.execute(new ReviewArrearsCommand(missing));
    await commands.execute(new ReviewArrearsCommand(keeping));

    const missed = await waitForEvents(Topics.leases, missing, ['PaymentPlanAgreed', 'PaymentPlanBroken']);
    expect(missed.find((e) => e.type === 'PaymentPlanBroken')!.payload).toMatchObject({ missedDueDate: '2026-11-20', arrearsCents: 150_000 });
    // The ladder reopens: reminder and established again after the break, and the claim engine's formal notice (docs/decisions/0023-guarantee-claim-engine.md).
    await eventually(async () => {
      const after = (await readEvents(Topics.leases, missing)).map((e) => (e.type === 'ArrearsStageReached' ? `stage:${e.payload.stage}` : e.type));
      expect(after.slice(after.indexOf('PaymentPlanBroken'))).toEqual(['PaymentPlanBroken', 'stage:reminder', 'stage:established', 'stage:notice']);
    }, 30_000);

    // The kept plan: nothing broken, no step announced since it was agreed (the review above has run).
    const kept = (await readEvents(Topics.leases, keeping)).map((e) => e.type);
    expect(kept).not.toContain('PaymentPlanBroken');
    expect(kept.slice(kept.indexOf('PaymentPlanAgreed'))).not.toContain('ArrearsStageReached');
    const { body } = await suite.service.http.get(`/tenancies/${keeping}`).set(staff).expect(200);
    expect(body.balanceCents).toBe(100_000);
  });
});
