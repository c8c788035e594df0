import { Topics } from '@hearth/contracts';
import { bearer, eventually, InspectionEventStream, queryDatabase, readEvents, waitForEvents } from '@hearth/testing';
import { CommandBus } from '@nestjs/cqrs';
import { ProposeDamageClaimCommand } from '../src/claims/commands/propose-damage-claim/propose-damage-claim.handler';
import { ReviewArrearsCommand } from '../src/ledger/commands/review-arrears/review-arrears.handler';
import { acceptedOffer, flatInScheme, FlatInScheme, leasesSuite, staff, TODAY } from './support';

/**
 * Guarantee claims on real PostgreSQL, Redis and the test broker. "Today" starts at 2026-11-20 and
 * moves on by restarting the service with another LEASES_TODAY. The agreement (the test builder's)
 * covers rent arrears, vacancy and legal costs, damage up to 2,500.00, guaranteed rent 780.00.
 * Configuration defaults: notice within 15 days paying within 8, claim within 30 days, months
 * within 30 days, damage tariff 100.00 / 400.00 / 1,200.00 / 2,500.00 (low → life-threatening),
 * wear 10 % a year. Amounts worked out by hand in the comments.
 */
describe('guarantee claims', () => {
  const suite = leasesSuite();

  /** A signed tenancy of a new flat in the scheme: 700.00 + 50.00 a month from `startDate`, nothing paid. */
  async function signedTenancy(startDate: string, terms: Record<string, unknown> = {}): Promise<{ flat: FlatInScheme; tenancyId: string }> {
    const flat = await flatInScheme(suite.service, suite.producer, terms);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    await suite.service.http
      .put(`/tenancies/${tenancy.id}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate, endDate: null })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancy.id}/sign`).set(staff).send({}).expect(200);
    return { flat, tenancyId: tenancy.id };
  }

  const claimsOf = async (tenancyId: string) => (await suite.service.http.get(`/claims?tenancyId=${tenancyId}`).set(staff).expect(200)).body.items;

  describe('at exit', () => {
    let flat: FlatInScheme;
    let tenancyId: string;

    beforeAll(async () => {
      ({ flat, tenancyId } = await signedTenancy('2026-10-01'));
      await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.status).toBe('active'), 30_000);
      await suite.service.http
        .post(`/tenancies/${tenancyId}/notice`)
        .set(staff)
        .send({ givenBy: 'household', reason: 'moved_to_permanent_housing', noticeGivenOn: '2026-10-15', endsOn: '2026-11-10' })
        .expect(200);
      await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.status).toBe('ended'), 30_000);
    });

    it('proposes a damage claim from the move-out inspection compared with the move-in, less wear, capped by the cover', async () => {
      const moveIn = new InspectionEventStream({ unitId: flat.unitId, landlordId: flat.landlordId }, 'move_in');
      await suite.producer.send(Topics.inspections, moveIn.inspectionId, moveIn.completed({ low: 1 }));
      await eventually(async () => {
        expect(await queryDatabase(suite.service.database, 'SELECT inspection_type FROM unit_inspections WHERE inspection_id = $1', [moveIn.inspectionId])).toEqual([{ inspection_type: 'move_in' }]);
      }, 30_000);
      const moveOut = new InspectionEventStream({ unitId: flat.unitId, landlordId: flat.landlordId }, 'move_out');
      const completed = moveOut.completed({ low: 2, moderate: 1, severe: 2 });
      await suite.producer.send(Topics.inspections, moveOut.inspectionId, completed);

      // New since the move-in: 1 low, 1 moderate, 2 severe = 100.00 + 400.00 + 2 × 1,200.00 = 2,900.00.
      // Occupied 1 October – 10 November: one whole month; wear 290,000 × 1,000 × 1 / 120,000 = 2,416.67 → 2,417 cents.
      // 290,000 − 2,417 = 287,583, above the 2,500.00 cover: 250,000 claimed.
      const opened = (await waitForEvents(Topics.leases, tenancyId, ['GuaranteeClaimOpened'], 30_000)).find((e) => e.type === 'GuaranteeClaimOpened')!;
      expect(opened.payload).toMatchObject({ tenancyId, landlordId: flat.landlordId, kind: 'damage', amountCents: 250_000 });
      const [claim] = await claimsOf(tenancyId);
      expect(claim).toMatchObject({
        id: opened.payload.claimId,
        kind: 'damage',
        status: 'opened',
        amountCents: 250_000,
        evidence: {
          damage: { newDeficiencies: { low: 1, moderate: 1, severe: 2, life_threatening: 0 }, grossCents: 290_000, occupationMonths: 1, wearBasisPointsPerYear: 1_000, wearCents: 2_417, capCents: 250_000 },
          inspections: [
            { inspectionId: moveIn.inspectionId, type: 'move_in' },
            { inspectionId: moveOut.inspectionId, type: 'move_out' },
          ],
        },
      });

      // The same inspection heard again proposes nothing more.
      const again = await suite.service.app.get(CommandBus).execute(
        new ProposeDamageClaimCommand({ inspectionId: moveOut.inspectionId, unitId: flat.unitId, inspectionType: 'move_out', completedAt: (completed.payload as { completedAt: string }).completedAt, deficiencies: { low: 2, moderate: 1, severe: 2, life_threatening: 0 } }),
      );
      expect(again).toBe('already_proposed');
      expect(await claimsOf(tenancyId)).toHaveLength(1);
    });

    it('refuses bad input naming the fields, writing nothing and publishing nothing', async () => {
      const before = await claimsOf(tenancyId);
      const openedBefore = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'GuaranteeClaimOpened').length;
      const cases: [Record<string, unknown>, string[]][] = [
        [{ kind: 'arrears' }, ['kind']],
        [{ kind: 'vacancy', from: '2026-11-15', to: '2026-11-12', amount: 5 }, ['to', 'amount']],
        [{ kind: 'legal_costs' }, ['amount', 'description']],
        [{ kind: 'damage', repairCost: -3 }, ['repairCost']],
        [{ kind: 'vacancy', from: '2026-02-30', to: '2026-11-12' }, ['from']],
      ];
      for (const [body, fields] of cases) {
        const { body: problem, headers } = await suite.service.http.post(`/tenancies/${tenancyId}/claims`).set(staff).send(body).expect(400);
        expect(headers['content-type']).toContain('application/problem+json');
        expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      }
      // Dates the tenancy does not allow: the empty period starts after the tenancy ended on 10 November.
      const early = await suite.service.http.post(`/tenancies/${tenancyId}/claims`).set(staff).send({ kind: 'vacancy', from: '2026-11-05', to: '2026-11-12' }).expect(409);
      expect(early.body.code).toBe('CLAIM.INVALID_PERIOD');
      await suite.service.http.post(`/tenancies/${tenancyId}/claims`).set(bearer('landlord', { landlordId: flat.landlordId })).send({ kind: 'legal_costs', amount: 10, description: 'x' }).expect(403);

      expect(await claimsOf(tenancyId)).toEqual(before);
      // A later claim's event is the positive signal that the refused ones published nothing before it.
      await suite.service.http.post(`/tenancies/${tenancyId}/claims`).set(staff).send({ kind: 'legal_costs', amount: 350, description: 'Bailiff’s fees for the hearing' }).expect(201);
      const opened = await eventually(async () => {
        const events = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'GuaranteeClaimOpened');
        expect(events.length).toBeGreaterThan(openedBefore);
        return events;
      }, 30_000);
      expect(opened.slice(openedBefore).map((e) => [e.payload.kind, e.payload.amountCents])).toEqual([['legal_costs', 35_000]]);
    });

    it('claims the guaranteed rent of the days the flat stood empty after the tenancy', async () => {
      // 11–19 November: 9 of 30 days of 780.00 = 78,000 × 9 / 30 = 23,400.
      const { body } = await suite.service.http.post(`/tenancies/${tenancyId}/claims`).set(staff).send({ kind: 'vacancy', from: '2026-11-11', to: '2026-11-19' }).expect(201);
      expect(body).toMatchObject({ kind: 'vacancy', status: 'opened', amountCents: 23_400, evidence: { vacancy: { from: '2026-11-11', to: '2026-11-19', months: [{ month: '2026-11', days: 9, amountCents: 23_400 }] } } });
      // Recovery from the household is not due for a vacancy.
      await suite.service.http.post(`/claims/${body.id}/submit`).set(staff).expect(200);
      await suite.service.http.post(`/claims/${body.id}/decision`).set(staff).send({ decision: 'approved' }).expect(200);
      // The head lease began on 20 November, after these empty days: the guaranteed rent did not cover them, so the owner receives it all (decision 0026).
      const { body: paid } = await suite.service.http.post(`/claims/${body.id}/payment`).set(staff).send({ paidOn: TODAY }).expect(200);
      expect(paid.paidTo).toEqual({ ownerCents: 23_400, agencyCents: 0 });
      const refused = await suite.service.http.post(`/claims/${body.id}/recovery`).set(staff).send({ instalments: 2, firstDueDate: TODAY }).expect(409);
      expect(refused.body.code).toBe('CLAIM.NOT_RECOVERABLE');
    });

    it('refuses a claim the agreement does not cover', async () => {
      const uncovered = await signedTenancy('2026-10-01', { coverage: { rentArrears: false, vacancy: false, damageCap: 0, legalCosts: false } });
      await eventually(async () => expect((await suite.service.http.get(`/tenancies/${uncovered.tenancyId}`).set(staff).expect(200)).body.status).toBe('active'), 30_000);
      const { body } = await suite.service.http.post(`/tenancies/${uncovered.tenancyId}/claims`).set(staff).send({ kind: 'legal_costs', amount: 100, description: 'Lawyer' }).expect(409);
      expect(body.code).toBe('CLAIM.NOT_COVERED');
      expect(await claimsOf(uncovered.tenancyId)).toEqual([]);
    });
  });

  it('files the arrears claim from the ladder, adds the next unpaid month, and takes it through decision, payment and recovery', async () => {
    // From 1 September, 750.00 a month, nothing paid: on 20 November September, October and November are overdue — established.
    const { flat, tenancyId } = await signedTenancy('2026-09-01');
    await eventually(async () => {
      expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body).toMatchObject({ balanceCents: 225_000, arrears: { stage: 'established' } });
    }, 30_000);
    expect(await queryDatabase(suite.service.database, `SELECT to_char(arrears_established_on, 'YYYY-MM-DD') AS on FROM tenancies WHERE id = $1`, [tenancyId])).toEqual([{ on: '2026-11-20' }]);

    // The daily review sends the formal notice (pay by 28 November); no claim before its time to pay has run out.
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    // The earlier stages are already on the topic: wait for the notice itself to be published.
    await eventually(async () => {
      const stages = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'ArrearsStageReached').map((e) => e.payload.stage);
      expect(stages).toEqual(['reminder', 'established', 'notice']);
    }, 30_000);
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    expect(await claimsOf(tenancyId)).toEqual([]);

    // 29 November, the day after the notice's 8 days: the claim is filed (due by 20 November + 30 = 20 December) with the three months.
    await suite.restartOn('2026-11-29');
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    const opened = (await waitForEvents(Topics.leases, tenancyId, ['GuaranteeClaimOpened'], 30_000)).find((e) => e.type === 'GuaranteeClaimOpened')!;
    expect(opened.payload).toMatchObject({ kind: 'arrears', landlordId: flat.landlordId, amountCents: 225_000 });
    const stages = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'ArrearsStageReached').map((e) => e.payload.stage);
    expect(stages).toEqual(['reminder', 'established', 'notice', 'claim']);
    const claimId = opened.payload.claimId as string;
    const { body: filed } = await suite.service.http.get(`/claims/${claimId}`).set(staff).expect(200);
    expect(filed).toMatchObject({ status: 'opened', openedOn: '2026-11-29', fileBy: '2026-12-20', filedLate: false, amountCents: 225_000 });
    expect(filed.months.map((m: { month: string; amountCents: number }) => [m.month, m.amountCents])).toEqual([
      ['2026-09', 75_000],
      ['2026-10', 75_000],
      ['2026-11', 75_000],
    ]);
    expect(filed.evidence.notices.map((n: { kind: string; sentOn: string; payBy: string | null }) => [n.kind, n.sentOn, n.payBy])).toEqual([
      ['reminder', '2026-11-20', null],
      ['formal_notice', '2026-11-20', '2026-11-28'],
    ]);
    expect(filed.evidence.ledger.filter((e: { kind: string }) => e.kind === 'charge').map((e: { month: string }) => e.month)).toEqual(['2026-09', '2026-10', '2026-11']);

    // Access: the owner sees their claim without the household's ledger or notices; another landlord gets 404.
    const owner = bearer('landlord', { landlordId: flat.landlordId });
    const { body: seen } = await suite.service.http.get(`/claims/${claimId}`).set(owner).expect(200);
    expect(seen).toMatchObject({ id: claimId, amountCents: 225_000, evidence: { damage: null, vacancy: null } });
    expect(seen.evidence).not.toHaveProperty('ledger');
    expect(seen.evidence).not.toHaveProperty('notices');
    await suite.service.http.get(`/claims/${claimId}`).set(bearer('landlord')).expect(404);
    const { body: ownList } = await suite.service.http.get('/claims').set(owner).expect(200);
    expect(ownList.items.map((c: { landlordId: string }) => c.landlordId)).toEqual([flat.landlordId]);
    expect((await suite.service.http.get(`/claims?tenancyId=${tenancyId}`).set(bearer('landlord')).expect(200)).body.items).toEqual([]);
    await suite.service.http.post(`/claims/${claimId}/submit`).set(owner).expect(403);

    // 2 December: December (due the 1st) is unpaid — added to the claim in progress, within 30 days of its due date.
    await suite.restartOn('2026-12-02');
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(staff).expect(200)).body.chargedCents).toBe(300_000), 30_000);
    await suite.service.app.get(CommandBus).execute(new ReviewArrearsCommand(tenancyId));
    const { body: grown } = await suite.service.http.get(`/claims/${claimId}`).set(staff).expect(200);
    expect(grown.amountCents).toBe(300_000);
    expect(grown.months.at(-1)).toEqual({ month: '2026-12', dueOn: '2026-12-01', amountCents: 75_000, addedOn: '2026-12-02', late: false });

    // The owner is still paid the guaranteed rent: November from the 20th (78,000 × 11 / 30 = 28,600) and all of December.
    // (December's due is a job of its own after the restart: waited for, like the charge.)
    await eventually(async () => {
      const { body: statement } = await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement`).set(staff).expect(200);
      expect(statement.months.map((m: { month: string; guaranteedRentCents: number }) => [m.month, m.guaranteedRentCents])).toEqual([
        ['2026-11', 28_600],
        ['2026-12', 78_000],
      ]);
    }, 30_000);

    // The workflow: a claim is decided only once submitted; a partial approval needs its amount and reasons.
    expect((await suite.service.http.post(`/claims/${claimId}/decision`).set(staff).send({ decision: 'approved' }).expect(409)).body.code).toBe('CLAIM.INVALID_TRANSITION');
    await suite.service.http.post(`/claims/${claimId}/submit`).set(staff).expect(200);
    const bad = await suite.service.http.post(`/claims/${claimId}/decision`).set(staff).send({ decision: 'partly_approved' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['approvedAmount', 'reasons']));
    const tooMuch = await suite.service.http.post(`/claims/${claimId}/decision`).set(staff).send({ decision: 'partly_approved', approvedAmount: 3000, reasons: ['x'] }).expect(400);
    expect(tooMuch.body.errors.map((e: { field: string }) => e.field)).toEqual(['approvedAmount']);
    expect((await suite.service.http.get(`/claims/${claimId}`).set(staff).expect(200)).body).toMatchObject({ status: 'submitted', decision: null });

    const { body: decided } = await suite.service.http
      .post(`/claims/${claimId}/decision`)
      .set(staff)
      .send({ decision: 'partly_approved', approvedAmount: 2250, reasons: ['December was claimed before the household’s time to pay had passed'] })
      .expect(200);
    expect(decided).toMatchObject({ status: 'partly_approved', decision: { decision: 'partly_approved', approvedCents: 225_000, decidedOn: '2026-12-02' } });

    const future = await suite.service.http.post(`/claims/${claimId}/payment`).set(staff).send({ paidOn: '2026-12-03' }).expect(400);
    expect(future.body.errors.map((e: { field: string }) => e.field)).toEqual(['paidOn']);
    // No month paid twice (decision 0026): the owner was owed the guaranteed rent from 20 November, so of the 300,000 claimed,
    // 75,000 × 11 / 30 = 27,500 of November and December's 75,000 were covered already: 102,500. Of the 225,000 approved the
    // agency keeps 225,000 × 102,500 / 300,000 = 76,875 and the owner receives 148,125.
    const { body: paid } = await suite.service.http.post(`/claims/${claimId}/payment`).set(staff).send({ paidOn: '2026-12-02' }).expect(200);
    expect(paid).toMatchObject({ status: 'paid', paidOn: '2026-12-02', paidTo: { ownerCents: 148_125, agencyCents: 76_875 } });
    expect((await suite.service.http.get(`/claims/${claimId}`).set(owner).expect(200)).body.paidTo).toEqual({ ownerCents: 148_125, agencyCents: 76_875 });

    // Recovered from the household by a plan (never written off): what was paid, 225,000, over 9 months from 15 December.
    const { body: recovering } = await suite.service.http.post(`/claims/${claimId}/recovery`).set(staff).send({ instalments: 9, firstDueDate: '2026-12-15' }).expect(200);
    expect(recovering).toMatchObject({ status: 'recovering', recovery: { totalCents: 225_000, agreedOn: '2026-12-02' } });
    expect(recovering.recovery.instalments).toHaveLength(9);
    expect(recovering.recovery.instalments[0]).toEqual({ seq: 1, dueOn: '2026-12-15', amountCents: 25_000 });

    const events = await waitForEvents(Topics.leases, tenancyId, ['GuaranteeClaimDecided', 'GuaranteeClaimPaid', 'PaymentPlanAgreed'], 30_000);
    expect(events.find((e) => e.type === 'GuaranteeClaimDecided')!.payload).toMatchObject({ claimId, kind: 'arrears', decision: 'partly_approved', approvedCents: 225_000 });
    expect(events.find((e) => e.type === 'GuaranteeClaimPaid')!.payload).toMatchObject({ claimId, landlordId: flat.landlordId, kind: 'arrears', paidCents: 225_000, paidOn: '2026-12-02', ownerCents: 148_125, agencyCents: 76_875 });
    expect(events.find((e) => e.type === 'PaymentPlanAgreed')!.payload).toMatchObject({ planId: recovering.recovery.planId, totalCents: 225_000, instalments: 9 });
    // Events carry references and amounts only.
    for (const event of events.filter((e) => e.type.startsWith('GuaranteeClaim'))) expect(Object.keys(event.payload).sort()).not.toContain('evidence');
  });
});
