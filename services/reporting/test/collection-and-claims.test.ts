import { bearer, clearRedisPrefix, eventually, queryDatabase, TestApp } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { at, FlatStream, History, HouseholdStream, startReporting, TenancyStream } from './support';

/**
 * A constructed 2012–2013 history (years no other test file uses) of rent charged, payments received
 * and guarantee claims on two tenancies, published with leases' contracts by a test producer. Every
 * expected value is worked out by hand in the comments next to it, in integer cents.
 */
const staff = bearer('sra_staff');
const board = bearer('board_member');

describe('collection rate and guarantee claims, against hand-worked answers', () => {
  let service: TestApp & { env: NodeJS.ProcessEnv };
  let history: History;
  const events: ReturnType<TenancyStream['started']>[] = [];
  const landlord1 = randomUUID();
  const landlord2 = randomUUID();
  // m1's flat is known to units (district RPT-M); m2's household is housing-led.
  const flat = new FlatStream('RPT-M', 'bld-m-1', landlord1);
  const hE = new HouseholdStream('housing_first');
  const hF = new HouseholdStream('housing_led');
  const m1 = new TenancyStream(hE, landlord1, flat.unitId);
  const m2 = new TenancyStream(hF, landlord2);
  const [c1, c2, c3, c4, c5] = Array.from({ length: 5 }, () => randomUUID());

  beforeAll(async () => {
    service = await startReporting();
    history = await History.connect(service);
    events.push(
      m1.started('2012-10-01', 60_000, 4_000),
      m2.started('2012-11-01', 52_000, 4_000),
      // Rent charged: 640.00 (m1) and 560.00 (m2) on the 1st of each month.
      m2.charged('2012-12', 56_000),
      m1.charged('2013-01', 64_000), m2.charged('2013-01', 56_000),
      m1.charged('2013-02', 64_000), m2.charged('2013-02', 56_000),
      m1.charged('2013-03', 64_000), m2.charged('2013-03', 56_000),
      m1.charged('2013-04', 64_000),
      // Payments (a reversal is negative).
      m2.paid('2012-12-28', 56_000, 'benefit'),
      m1.paid('2013-01-03', 64_260, 'bank_import'),
      m1.paid('2013-02-10', 30_000, 'staff'),
      m2.paid('2013-02-02', 56_000, 'benefit'),
      m1.paid('2013-03-05', 100_000, 'bank_import'),
      m1.paid('2013-03-20', -10_000, 'bank_import'),
      m2.paid('2013-04-02', 20_000, 'staff'),
      // Guarantee claims. c5: opened 1 Nov 2012, approved 20 Nov, paid 10 Jan 2013 (70 days after opening).
      m1.claimOpened(c5, at('2012-11-01'), 'arrears', 50_000),
      m1.claimDecided(c5, at('2012-11-20'), 'arrears', 'approved', 50_000),
      m1.claimPaid(c5, '2013-01-10', 'arrears', 50_000),
      // c2: opened 15 Jan, approved 25 Jan (10 days), paid 14 Feb (30 days after opening).
      m2.claimOpened(c2, at('2013-01-15'), 'damage', 80_000),
      m2.claimDecided(c2, at('2013-01-25'), 'damage', 'approved', 80_000),
      m2.claimPaid(c2, '2013-02-14', 'damage', 80_000),
      // c1: opened at 23:30 UTC on 9 Feb, which is 10 Feb in Brussels; partly approved 12 March
      // (18 + 12 = 30 days); paid in two parts, 20 March (38 days) and 15 April.
      m1.claimOpened(c1, '2013-02-09T23:30:00Z', 'arrears', 150_000),
      m1.claimDecided(c1, at('2013-03-12'), 'arrears', 'partly_approved', 120_000),
      m1.claimPaid(c1, '2013-03-20', 'arrears', 60_000),
      m1.claimPaid(c1, '2013-04-15', 'arrears', 60_000),
      // c3: opened 1 March, rejected 31 March (30 days).
      m2.claimOpened(c3, at('2013-03-01'), 'legal_costs', 20_000),
      m2.claimDecided(c3, at('2013-03-31'), 'legal_costs', 'rejected', 0),
      // c4: opened 25 March, never decided.
      m1.claimOpened(c4, at('2013-03-25'), 'vacancy', 64_000),
      // Both end long after the days asked about here: other reporting suites share the broker and
      // count the tenancies running on their own (later) days.
      m1.ended('2013-12-31', 'moved_to_permanent_housing'),
      m2.ended('2013-12-31', 'moved_to_permanent_housing'),
    );
    await history.applicants(hE.registered('2012-06-01'), hF.registered('2012-06-01'));
    await history.units(...flat.listed('2012-09-01'));
    await history.leases(...events);
    await history.applied();
  }, 120_000);

  afterAll(async () => {
    await history?.disconnect();
    await service?.close();
    await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
  });

  const ask = async (path: string, as = staff) => (await service.http.get(path).set(as).expect(200)).body;
  const firstQuarter = 'asOf=2013-04-30&from=2013-01-01&to=2013-03-31';

  it('keeps charges, payments and claims as amounts, days and codes, without the household’s reference or any balance', async () => {
    const payments = await queryDatabase<{ amount_cents: string; received_on: Date; source: string }>(
      service.database,
      `SELECT amount_cents, to_char(received_on, 'YYYY-MM-DD') AS received_on, source FROM rent_payments WHERE tenancy_id = $1 ORDER BY tenancy_version`,
      [m1.tenancyId],
    );
    expect(payments.map((p) => [Number(p.amount_cents), p.received_on, p.source])).toEqual([
      [64_260, '2013-01-03', 'bank_import'],
      [30_000, '2013-02-10', 'staff'],
      [100_000, '2013-03-05', 'bank_import'],
      [-10_000, '2013-03-20', 'bank_import'],
    ]);
    const [claim] = await queryDatabase<Record<string, unknown>>(
      service.database,
      `SELECT kind, amount_cents::int AS amount, to_char(opened_on, 'YYYY-MM-DD') AS opened_on, decision, approved_cents::int AS approved, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, landlord_id
         FROM guarantee_claims WHERE claim_id = $1`,
      [c1],
    );
    expect(claim).toEqual({ kind: 'arrears', amount: 150_000, opened_on: '2013-02-10', decision: 'partly_approved', approved: 120_000, decided_on: '2013-03-12', landlord_id: landlord1 });
    for (const table of ['rent_charges', 'rent_payments', 'guarantee_claims', 'guarantee_claim_payments']) {
      const text = JSON.stringify(await queryDatabase(service.database, `SELECT * FROM ${table}`));
      expect(text).not.toContain(hE.reference);
      expect(text).not.toContain(hF.reference);
      expect(text).not.toContain('balance');
    }
  });

  describe('collection rate', () => {
    it('divides the payments received in the period by the rent falling due in it, exactly, overall, by source and by month', async () => {
      const { figures } = await ask(`/indicators/collection?${firstQuarter}`, board);
      // Due Jan–Mar: 3 × 640.00 + 3 × 560.00 = 3 600.00 (the December and April charges are outside).
      // Received Jan–Mar: 642.60 + 300.00 + 560.00 + 1 000.00 − 100.00 = 2 402.60 (not 28 Dec, not 2 Apr).
      // 240 260 ÷ 360 000 = 66.738… % → 66.7.
      expect(figures).toEqual({
        chargedCents: 360_000,
        charges: 6,
        collectedCents: 240_260,
        payments: 5,
        collectionRate: { numerator: 240_260, denominator: 360_000, percent: 66.7 },
        bySource: [
          { source: 'staff', payments: 1, collectedCents: 30_000 },
          // 642.60 + 1 000.00 − 100.00.
          { source: 'bank_import', payments: 3, collectedCents: 154_260 },
          { source: 'benefit', payments: 1, collectedCents: 56_000 },
        ],
        byMonth: [
          // 64 260 ÷ 120 000 = 53.55 % exactly: halves up → 53.6.
          { month: '2013-01', chargedCents: 120_000, collectedCents: 64_260, collectionRate: { numerator: 64_260, denominator: 120_000, percent: 53.6 } },
          // 300.00 + 560.00 = 860.00 ÷ 1 200.00 = 71.66… → 71.7.
          { month: '2013-02', chargedCents: 120_000, collectedCents: 86_000, collectionRate: { numerator: 86_000, denominator: 120_000, percent: 71.7 } },
          // 1 000.00 − 100.00 = 900.00 ÷ 1 200.00 = 75 %.
          { month: '2013-03', chargedCents: 120_000, collectedCents: 90_000, collectionRate: { numerator: 90_000, denominator: 120_000, percent: 75 } },
        ],
      });
    });

    it('gives the figures as of a day inside the period, and by programme, district and landlord', async () => {
      // As of 15 Feb: due 1 Jan and 1 Feb = 2 400.00; received 642.60 + 300.00 + 560.00 = 1 502.60 → 62.608… → 62.6.
      const february = await ask('/indicators/collection?asOf=2013-02-15&from=2013-01-01&to=2013-02-15');
      expect(february.figures).toMatchObject({ chargedCents: 240_000, collectedCents: 150_260, collectionRate: { percent: 62.6 } });
      expect(february.figures.byMonth.map((m: { month: string }) => m.month)).toEqual(['2013-01', '2013-02']);
      // Housing-led (m2 only): 1 680.00 due, 560.00 received → 33.3.
      const housingLed = await ask(`/indicators/collection?${firstQuarter}&programme=housing_led`);
      expect(housingLed.figures.collectionRate).toEqual({ numerator: 56_000, denominator: 168_000, percent: 33.3 });
      // District RPT-M and landlord 1 (m1 only): 1 920.00 due; 642.60 + 300.00 + 900.00 = 1 842.60 → 95.968… → 96.
      const district = await ask(`/indicators/collection?${firstQuarter}&district=RPT-M`);
      expect(district.figures.collectionRate).toEqual({ numerator: 184_260, denominator: 192_000, percent: 96 });
      const landlord = await ask(`/indicators/collection?${firstQuarter}`, bearer('landlord', { landlordId: landlord1 }));
      expect(landlord.figures.collectionRate).toEqual({ numerator: 184_260, denominator: 192_000, percent: 96 });
      // Nothing due: no rate (never 0 % or 100 %).
      const empty = await ask('/indicators/collection?asOf=2011-12-31&from=2011-01-01&to=2011-12-31');
      expect(empty.figures).toMatchObject({ chargedCents: 0, collectedCents: 0, collectionRate: { numerator: 0, denominator: 0, percent: null } });
    });
  });

  describe('guarantee claims', () => {
    it('counts claims opened, decided and paid in the period with their amounts by kind, the days to decision and to payment, and what is outstanding', async () => {
      const { figures } = await ask('/indicators/guarantee-claims?asOf=2013-03-31&from=2013-01-01&to=2013-03-31', board);
      expect(figures).toEqual({
        // c1, c2, c3, c4 (c5 was opened in 2012): 1 500.00 + 800.00 + 200.00 + 640.00.
        opened: { claims: 4, claimedCents: 314_000 },
        // c1 partly (1 200.00 of 1 500.00), c2 in full (800.00), c3 rejected (of 200.00): 2 000.00 of 2 500.00 = 80 %.
        decided: { claims: 3, approved: 1, partlyApproved: 1, rejected: 1, claimedCents: 250_000, approvedCents: 200_000, approvedShare: { numerator: 200_000, denominator: 250_000, percent: 80 } },
        // c5 on 10 Jan (500.00), c2 on 14 Feb (800.00), c1's first part on 20 Mar (600.00); its second (15 Apr) is later.
        paid: { payments: 3, claims: 3, paidCents: 190_000 },
        // c2 10, c1 30, c3 30 days: sorted 10, 30, 30; total 70, mean 23.33, median 30, p90 rank ⌈2.7⌉ = 3 → 30.
        daysToDecision: { count: 3, totalDays: 70, mean: 23.33, median: 30, p90: 30, min: 10, max: 30 },
        // First paid in the period: c2 30, c1 38, c5 70 days: total 138, mean 46, median 38, p90 70.
        daysToPayment: { count: 3, totalDays: 138, mean: 46, median: 38, p90: 70, min: 30, max: 70 },
        // On 31 March: c4 awaits a decision (640.00 claimed); c1 is approved for 1 200.00 and 600.00 was paid.
        outstanding: { awaitingDecision: 1, awaitingDecisionCents: 64_000, awaitingPayment: 1, awaitingPaymentCents: 60_000 },
        byKind: [
          // Paid: c5 500.00 + c1 600.00.
          { kind: 'arrears', opened: 1, claimedCents: 150_000, decided: 1, approvedCents: 120_000, paidCents: 110_000 },
          { kind: 'damage', opened: 1, claimedCents: 80_000, decided: 1, approvedCents: 80_000, paidCents: 80_000 },
          { kind: 'legal_costs', opened: 1, claimedCents: 20_000, decided: 1, approvedCents: 0, paidCents: 0 },
          { kind: 'vacancy', opened: 1, claimedCents: 64_000, decided: 0, approvedCents: 0, paidCents: 0 },
        ],
      });
    });

    it('ignores decisions and payments after asOf, and shows a landlord its own claims only', async () => {
      // As of 20 March: c3's rejection (31 March) is not known yet; c4 is not opened yet.
      const march = await ask('/indicators/guarantee-claims?asOf=2013-03-20&from=2013-01-01&to=2013-03-20');
      expect(march.figures).toMatchObject({
        opened: { claims: 3, claimedCents: 250_000 },
        decided: { claims: 2, rejected: 0, approvedCents: 200_000 },
        outstanding: { awaitingDecision: 1, awaitingDecisionCents: 20_000, awaitingPayment: 1, awaitingPaymentCents: 60_000 },
      });
      // Landlord 1: c1, c4 opened (1 500.00 + 640.00); paid c5 500.00 + c1 600.00.
      const own = await ask('/indicators/guarantee-claims?asOf=2013-03-31&from=2013-01-01&to=2013-03-31', bearer('landlord', { landlordId: landlord1 }));
      expect(own.figures).toMatchObject({ opened: { claims: 2, claimedCents: 214_000 }, paid: { payments: 2, paidCents: 110_000 } });
      const other = await ask('/indicators/guarantee-claims?asOf=2013-03-31&from=2013-01-01&to=2013-03-31', bearer('landlord', { landlordId: landlord2 }));
      // Landlord 2: c2 and c3 (800.00 + 200.00), c2 paid 800.00.
      expect(other.figures).toMatchObject({ opened: { claims: 2, claimedCents: 100_000 }, paid: { payments: 1, paidCents: 80_000 } });
      await service.http.get('/indicators/sustainment?asOf=2013-03-31').set(bearer('landlord', { landlordId: landlord1 })).expect(403);
    });
  });

  it('exports both as CSV with labels in Dutch, lists them in French, and puts them in the daily snapshot', async () => {
    const csv = await service.http.get(`/indicators/collection/csv?${firstQuarter}&lang=nl`).set(staff).expect(200);
    expect(csv.text.split('\r\n')).toContain('Huurinning,2013-04-30,2013-01-01,2013-03-31,2013-01,per maand – inningsgraad – %,53.6');
    const claims = await service.http.get('/indicators/guarantee-claims/csv?asOf=2013-03-31&from=2013-01-01&to=2013-03-31&lang=nl').set(staff).expect(200);
    expect(claims.text.split('\r\n')).toContain('Beroepen op de waarborg,2013-03-31,2013-01-01,2013-03-31,Onbetaalde huur,per soort – betaald (cent),110000');
    for (const text of [csv.text, claims.text]) {
      for (const id of [m1.tenancyId, m2.tenancyId, hE.householdId, c1]) expect(text).not.toContain(id);
    }
    const { items } = await ask('/indicators?lang=fr', board);
    expect(items.filter((i: { name: string }) => ['collection', 'guarantee-claims'].includes(i.name)).map((i: { title: string }) => i.title)).toEqual([
      'Perception des loyers',
      'Appels à la garantie',
    ]);
    // A snapshot of 31 March 2013: the year to date of both, stored.
    await service.http.post('/snapshots').set(staff).send({ day: '2013-03-31' }).expect(202);
    const stored = () =>
      queryDatabase<{ indicator: string; answer: { collectedCents?: number; opened?: { claims: number } } }>(
        service.database,
        `SELECT indicator, answer FROM indicator_snapshots WHERE as_of = '2013-03-31' AND question_key = 'from=2013-01-01|to=2013-03-31|programme=*|district=*|landlord=*' AND indicator IN ('collection', 'guarantee-claims') ORDER BY indicator`,
      );
    await eventually(async () => expect((await stored()).map((s) => s.indicator)).toEqual(['collection', 'guarantee-claims']), 30_000);
    const [collected, claimed] = await stored();
    // Collected to 31 March: 2 402.60 (as the first quarter); opened: c1, c2, c3, c4.
    expect(collected.answer.collectedCents).toBe(240_260);
    expect(claimed.answer.opened?.claims).toBe(4);
  });

  it('gives the same figures after the events are delivered again in reverse order, and to a fresh instance reading the topics from the start', async () => {
    const questions = [`/indicators/collection?${firstQuarter}`, '/indicators/guarantee-claims?asOf=2013-03-31&from=2013-01-01&to=2013-03-31'];
    const first = await Promise.all(questions.map((q) => ask(q)));
    await history.leases(...[...events].reverse());
    const fresh = await startReporting();
    try {
      await history.applied(service);
      await history.applied(fresh, 60_000);
      // Asked for the first time on the fresh instance: computed from its own read models.
      const elsewhere = await Promise.all(questions.map(async (q) => (await fresh.http.get(q).set(staff).expect(200)).body));
      expect(elsewhere.map((a) => a.figures)).toEqual(first.map((a) => a.figures));
      // A question not asked before on the first instance, after the redelivery: every amount once.
      const again = await ask('/indicators/collection?asOf=2013-04-29&from=2013-01-01&to=2013-03-31');
      expect(again.figures).toMatchObject({ chargedCents: 360_000, collectedCents: 240_260, payments: 5 });
    } finally {
      await fresh.close();
      await clearRedisPrefix(fresh.env.BULLMQ_PREFIX!);
    }
  }, 120_000);
});
