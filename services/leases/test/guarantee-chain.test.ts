import { Topics } from '@hearth/contracts';
import { eventually, InspectionEventStream, readEvents, waitForEvents } from '@hearth/testing';
import { CommandBus } from '@nestjs/cqrs';
import { ReviewArrearsCommand } from '../src/ledger/commands/review-arrears/review-arrears.handler';
import { acceptedOffer, flatInScheme, leasesSuite, staff } from './support';

/**
 * The chain inside the leases service, on real infrastructure: an accepted offer → a
 * tenancy signed → two (here three) months unpaid → reminder, established, formal notice, claim →
 * the owner still paid the guaranteed rent → a payment plan holds the ladder → notice to leave →
 * the move-out inspection finds damage → a damage claim capped by the agreement's cover.
 * The agreement (test builder): guaranteed rent 780.00, loan instalment 150.00, damage cover 2,500.00.
 */
describe('the guarantee chain, from arrears to a damage claim at exit', () => {
  const suite = leasesSuite();

  it('keeps the owner’s promise all the way', async () => {
    const flat = await flatInScheme(suite.service, suite.producer);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    const tenancyId = tenancy.id as string;
    const moveIn = new InspectionEventStream({ unitId: flat.unitId, landlordId: flat.landlordId }, 'move_in');
    await suite.producer.send(Topics.inspections, moveIn.inspectionId, moveIn.passed());
    await suite.service.http
      .put(`/tenancies/${tenancyId}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-09-01', endDate: null })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({}).expect(200);

    // 20 November: September to November unpaid (225,000) — established; the review sends the formal notice.
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.arrears.stage).toBe('established'), 30_000);
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));

    // 29 November: the notice's 8 days have run out — the arrears claim is filed.
    await suite.restartOn('2026-11-29');
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    const opened = await waitForEvents(Topics.leases, tenancyId, ['GuaranteeClaimOpened'], 30_000);
    expect(opened.filter((e) => e.type === 'ArrearsStageReached').map((e) => e.payload.stage)).toEqual(['reminder', 'established', 'notice', 'claim']);
    expect(opened.find((e) => e.type === 'GuaranteeClaimOpened')!.payload).toMatchObject({ kind: 'arrears', amountCents: 225_000 });

    // The owner is still paid: November from the 20th, 78,000 × 11 / 30 = 28,600, less the 15,000 loan instalment = 13,600 due and paid.
    await suite.service.http.post(`/head-leases/${flat.headLeaseId}/owner-payments`).set(staff).send({ month: '2026-11', amount: 136, paidOn: '2026-11-29' }).expect(201);
    const { body: statement } = await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement`).set(staff).expect(200);
    expect(statement.months).toEqual([expect.objectContaining({ month: '2026-11', guaranteedRentCents: 28_600, dueCents: 13_600, paidCents: 13_600, owedCents: 0 })]);

    // A payment plan: 225,000 in five instalments of 45,000 from 5 December; the ladder holds (no step, no new claim).
    await suite.service.http.post(`/tenancies/${tenancyId}/payment-plans`).set(staff).send({ instalments: 5, firstDueDate: '2026-12-05' }).expect(201);
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    const { body: claims } = await suite.service.http.get(`/claims?tenancyId=${tenancyId}`).set(staff).expect(200);
    expect(claims.items).toHaveLength(1);

    // Notice to leave: given on 25 November for the 28th; the tenancy ends (a job) with its balance kept.
    // November owed for 28 of 30 days: 75,000 × 28 / 30 = 70,000 (5,000 credited back); 220,000 still owed.
    await suite.service.http
      .post(`/tenancies/${tenancyId}/notice`)
      .set(staff)
      .send({ givenBy: 'agency', reason: 'evicted_for_arrears', noticeGivenOn: '2026-11-25', endsOn: '2026-11-28' })
      .expect(200);
    const ended = (await waitForEvents(Topics.leases, tenancyId, ['TenancyNoticeGiven', 'TenancyEnded'], 30_000)).find((e) => e.type === 'TenancyEnded')!;
    expect(ended.payload).toMatchObject({ endedOn: '2026-11-28', finalBalanceCents: 220_000 });

    // The move-out inspection finds three severe deficiencies the move-in did not: 3 × 1,200.00 = 3,600.00; two whole months
    // (1 September – 28 November) of 10 % a year: 360,000 × 1,000 × 2 / 120,000 = 6,000 of wear; 354,000 left, capped at 250,000.
    const moveOut = new InspectionEventStream({ unitId: flat.unitId, landlordId: flat.landlordId }, 'move_out');
    await suite.producer.send(Topics.inspections, moveOut.inspectionId, moveOut.completed({ severe: 3 }));
    const damage = await eventually(async () => {
      const found = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'GuaranteeClaimOpened' && e.payload.kind === 'damage');
      expect(found).toHaveLength(1);
      return found[0];
    }, 30_000);
    expect(damage.payload).toMatchObject({ landlordId: flat.landlordId, amountCents: 250_000 });
    const { body: all } = await suite.service.http.get(`/claims?tenancyId=${tenancyId}&kind=damage`).set(staff).expect(200);
    expect(all.items[0].evidence.damage).toEqual({
      newDeficiencies: { life_threatening: 0, severe: 3, moderate: 0, low: 0 },
      grossCents: 360_000,
      occupationMonths: 2,
      wearBasisPointsPerYear: 1_000,
      wearCents: 6_000,
      capCents: 250_000,
    });
  });
});
