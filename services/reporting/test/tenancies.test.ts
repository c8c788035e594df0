import { bearer, clearRedisPrefix, queryDatabase, TestApp } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { at, ComplaintStream, FlatStream, History, HouseholdStream, MediationStream, OfferStream, RiskStream, startReporting, TenancyStream } from './support';

/**
 * A constructed history of tenancies, complaints and mediation in 2015–2018 (years no other test
 * file uses) whose figures are worked out by hand in the comments next to each expected value.
 * 2016 is a leap year: 1 Jan → 31 Dec 2016 is 365 days.
 */
const staff = bearer('sra_staff');
const board = bearer('board_member');

describe('indicators of tenancies, arrears, complaints and mediation, against hand-worked answers', () => {
  let service: TestApp & { env: NodeJS.ProcessEnv };
  let history: History;
  const leaseEvents: ReturnType<TenancyStream['started']>[] = [];
  const mediationEvents: ReturnType<ComplaintStream['received']>[] = [];
  const landlord1 = randomUUID();

  // Households of the tenancies (only hA, hB, hC, hD are known to applicants).
  const hA = new HouseholdStream('housing_first');
  const hB = new HouseholdStream('housing_first');
  const hC = new HouseholdStream('housing_led');
  const hD = new HouseholdStream('housing_first');
  const others = Array.from({ length: 5 }, () => new HouseholdStream('housing_first'));

  const t1 = new TenancyStream(hA);
  const t2 = new TenancyStream(hB);
  const t3 = new TenancyStream(others[0]);
  const t4 = new TenancyStream(others[1]);
  const t5 = new TenancyStream(others[2], landlord1);
  const t6 = new TenancyStream(others[3]);
  const t7 = new TenancyStream(hC);
  const t8 = new TenancyStream(others[4]);
  // A flat let twice in 2018; its tenancy's end (leases) starts the second vacancy spell.
  const flat = new FlatStream('RPT-T', 'bld-t-1');
  const t9 = new TenancyStream(new HouseholdStream('housing_first'), flat.landlordId, flat.unitId);

  beforeAll(async () => {
    service = await startReporting();
    history = await History.connect(service);

    const applicantEvents = [
      hA.registered('2015-10-01'), hA.assessed('2015-10-05', 80), hA.waitlisted(at('2015-11-01')),
      // hA is back on the waitlist the day its tenancy ended (2016-03-01).
      hA.waitlisted(at('2016-03-01')),
      hB.registered('2015-12-01'), hB.assessed('2015-12-01', 80), hB.waitlisted(at('2015-12-01')),
      // hB comes back 700 days after its tenancy ended on 2016-12-31.
      hB.waitlisted(at('2018-12-01')),
      hC.registered('2016-03-01'), hC.assessed('2016-03-05', 60), hC.waitlisted(at('2016-04-01')),
      // hC comes back 273 days after its tenancy ended on 2016-09-01.
      hC.waitlisted(at('2017-06-01')),
      // hD accepts an offer and no tenancy is reported: the acceptance stands in.
      hD.registered('2016-06-01'), hD.assessed('2016-06-05', 50), hD.waitlisted(at('2016-07-01')),
    ];
    const matchingEvents = [];
    for (const [household, made, accepted] of [
      [hA, '2015-11-20', '2015-12-01'],
      [hB, '2015-12-10', '2015-12-20'],
      [hC, '2016-05-10', '2016-05-15'],
      [hD, '2016-07-20', '2016-08-01'],
    ] as const) {
      const offer = new OfferStream(randomUUID(), household);
      matchingEvents.push(offer.proposed(at(made, '09:00:00Z')), offer.made(at(made)), offer.accepted(at(accepted)));
    }

    leaseEvents.push(
      // Failure on day 60 (31 + 29).
      t1.started('2016-01-01'), t1.ended('2016-03-01', 'evicted_for_arrears'),
      // Ends on the 365th day: it reached the 12-month mark.
      t2.started('2016-01-01'), t2.noticeGiven('2016-11-01', '2016-12-31', 'left_without_notice'), t2.ended('2016-12-31', 'left_without_notice'),
      // A planned move: sustained, censored at asOf.
      t3.started('2016-02-01'), t3.ended('2016-06-01', 'moved_to_permanent_housing'),
      // Deceased: left out.
      t4.started('2016-03-01'), t4.ended('2016-05-01', 'deceased'),
      // Still running.
      t5.started('2016-04-01', 60_000, 5_000),
      t6.started('2016-10-01', 50_000, 4_000),
      // Failure on day 92 (30 + 31 + 31).
      t7.started('2016-06-01'), t7.ended('2016-09-01', 'terminated_by_household'),
      // Failure on day 75 (30 + 31 + 14).
      t8.started('2016-11-01'), t8.ended('2017-01-15', 'evicted_for_behaviour'),
      // Arrears.
      t5.arrears('2017-01-10', '0_30', 30_000, 0.5), t5.arrears('2017-02-20', '31_60', 95_000, 1.5), t5.arrears('2017-03-25', '61_90', 160_000, 2.5),
      t6.arrears('2017-02-01', '0_30', 54_000, 1), t6.arrears('2017-03-01', 'none', 0, 0), t6.arrears('2017-04-10', '0_30', 20_000, 0.5),
      t8.arrears('2017-01-05', '31_60', 120_000, 2),
      t9.started('2018-01-20'), t9.ended('2018-05-31', 'terminated_by_household'),
    );
    const unitEvents = [
      ...flat.listed('2018-01-02'), flat.reserved(at('2018-01-10')), flat.let(at('2018-01-20')), flat.vacating(at('2018-05-01'), '2018-05-31'),
      flat.available(at('2018-06-20')), flat.reserved(at('2018-07-01')), flat.let(at('2018-07-10')),
    ];

    const c1 = new ComplaintStream();
    const c2 = new ComplaintStream();
    const c3 = new ComplaintStream();
    const c4 = new ComplaintStream();
    const c5 = new ComplaintStream();
    const c6 = new ComplaintStream();
    const m1 = new MediationStream();
    const m2 = new MediationStream();
    const m3 = new MediationStream();
    const m4 = new MediationStream();
    const r3 = new RiskStream(t3);
    const r5 = new RiskStream(t5);
    const r6 = new RiskStream(t6);
    const r7 = new RiskStream(t7);
    mediationEvents.push(
      c1.received('2016-02-01', 'noise', '2016-02-05'), c1.acknowledged('2016-02-03', '2016-02-20'), c1.answered('2016-02-15', '2016-02-20', true),
      c2.received('2016-03-01', 'noise', '2016-03-05'), c2.acknowledged('2016-03-07', '2016-03-25'), c2.answered('2016-04-01', '2016-03-25', false),
      c2.escalated('2016-04-10', 'stage_2'), c2.acknowledged('2016-04-12', '2016-05-10', 2), c2.answered('2016-05-05', '2016-05-10', true, 2),
      c3.received('2016-11-01', 'hygiene', '2016-11-04'), c3.acknowledged('2016-11-02', '2016-11-25'),
      c4.received('2016-12-20', 'safety', '2016-12-23'),
      c5.received('2016-05-01', 'neighbour_conflict', '2016-05-04'), c5.acknowledged('2016-05-02', '2016-05-20'), c5.escalated('2016-05-10', 'mediation', m1.mediationId),
      c5.answered('2016-05-18', '2016-05-20', false),
      c6.received('2015-12-01', 'noise', '2015-12-04'),
      m1.agreement('2016-06-15'), m1.closed('2016-09-01', 'dialogue_restored'),
      m2.closed('2016-10-01', 'failure'),
      m3.closed('2016-11-01', 'withdrawn', 'ongoing_court_case'),
      m4.closed('2017-01-10', 'complaints_stopped'),
      r3.atRisk('2016-04-01'),
      r5.atRisk('2016-08-01'), r5.cleared('2016-09-15'),
      r7.atRisk('2016-07-01'),
      r6.atRisk('2017-01-05'),
    );

    await history.applicants(...applicantEvents);
    await history.matching(...matchingEvents);
    await history.units(...unitEvents);
    await history.leases(...leaseEvents);
    await history.mediation(...mediationEvents);
    await history.applied();
  }, 120_000);

  afterAll(async () => {
    await history?.disconnect();
    await service?.close();
    await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
  });

  const ask = async (path: string, as = staff) => (await service.http.get(path).set(as).expect(200)).body;

  describe('read models', () => {
    it('keeps tenancies, arrears, complaints and risk steps by id, day, code and cents, without the household’s reference', async () => {
      const [row] = await queryDatabase<Record<string, unknown>>(service.database, 'SELECT * FROM tenancies WHERE tenancy_id = $1', [t2.tenancyId]);
      expect(row).toMatchObject({ household_id: hB.householdId, notice_given_by: 'household', notice_reason: 'left_without_notice', end_reason: 'left_without_notice' });
      const arrearsRows = await queryDatabase<{ ageing: string; arrears_cents: string }>(
        service.database,
        'SELECT ageing, arrears_cents FROM tenancy_arrears WHERE tenancy_id = $1 ORDER BY tenancy_version',
        [t5.tenancyId],
      );
      expect(arrearsRows.map((r) => [r.ageing, Number(r.arrears_cents)])).toEqual([
        ['0_30', 30_000],
        ['31_60', 95_000],
        ['61_90', 160_000],
      ]);
      const risks = await queryDatabase<{ at_risk: boolean }>(service.database, 'SELECT at_risk FROM tenancy_risk_steps WHERE tenancy_id = $1 ORDER BY risk_version', [t5.tenancyId]);
      expect(risks.map((r) => r.at_risk)).toEqual([true, false]);
      for (const table of ['tenancies', 'tenancy_arrears', 'complaints', 'mediations', 'tenancy_risk_steps']) {
        const rows = await queryDatabase(service.database, `SELECT * FROM ${table}`);
        const text = JSON.stringify(rows);
        for (const household of [hA, hB, hC, hD, ...others]) expect(text).not.toContain(household.reference);
      }
    });
  });

  describe('tenancy sustainment', () => {
    it('gives the Kaplan–Meier estimate with censoring and the simple proportion of fully observed tenancies at 6 and 12 months', async () => {
      const { figures } = await ask('/indicators/sustainment?asOf=2017-03-31&from=2016-01-01&to=2016-12-31', board);
      // Started in 2016, t4 (deceased) left out: t1 ended day 60, t8 day 75, t7 day 92, t2 day 365
      // (failures); t3 (planned move) censored at 424, t5 at 364, t6 at 181 (asOf 2017-03-31).
      expect(figures).toMatchObject({ tenancies: 7, running: 2, endedPlannedMove: 1, endedNotSustained: 4, excludedDeceased: 1 });
      // Day 60: 7 at risk, 1 ends → 6/7 (85.7 %); day 75: 6 at risk → 5/7 (71.4 %); day 92: 5 at risk → 4/7 (57.1 %).
      expect(figures.curve).toEqual([
        { day: 60, atRisk: 7, ended: 1, percent: 85.7 },
        { day: 75, atRisk: 6, ended: 1, percent: 71.4 },
        { day: 92, atRisk: 5, ended: 1, percent: 57.1 },
      ]);
      expect(figures.marks).toEqual([
        {
          mark: '6_months',
          days: 183,
          // 4/7 = 57.14 %; at risk on day 183: t2, t3, t5; t6 censored at 181.
          kaplanMeier: { percent: 57.1, atRiskAtMark: 3, endedBeforeMark: 3, censoredBeforeMark: 1 },
          // Old enough (≥ 183 days by asOf): t1, t2, t3, t5, t7 (303 days); not t8 (150) or t6. Reached: t2, t3, t5.
          simple: { numerator: 3, denominator: 5, percent: 60 },
        },
        {
          mark: '12_months',
          days: 365,
          // t2's end on day 365 is not before the mark: still 4/7; at risk on day 365: t2, t3; t5 (364) and t6 censored before.
          kaplanMeier: { percent: 57.1, atRiskAtMark: 2, endedBeforeMark: 3, censoredBeforeMark: 2 },
          // Old enough (≥ 365 days): t1, t2, t3 (t5 is 364 days old). Reached: t2 (ended on day 365) and t3: 2/3.
          simple: { numerator: 2, denominator: 3, percent: 66.7 },
        },
      ]);
    });

    it('gives null where every tenancy was censored before the mark, and for an empty population', async () => {
      // Started in Oct–Dec 2016: t8 ended on day 75, t6 censored at 181: nobody observed to day 183.
      const young = await ask('/indicators/sustainment?asOf=2017-03-31&from=2016-10-01&to=2016-12-31');
      expect(young.figures.marks[0]).toEqual({
        mark: '6_months',
        days: 183,
        kaplanMeier: { percent: null, atRiskAtMark: 0, endedBeforeMark: 1, censoredBeforeMark: 1 },
        simple: { numerator: 0, denominator: 0, percent: null },
      });
      const none = await ask('/indicators/sustainment?asOf=2015-12-31&from=2015-01-01&to=2015-12-31');
      expect(none.figures).toEqual({
        tenancies: 0,
        running: 0,
        endedPlannedMove: 0,
        endedNotSustained: 0,
        excludedDeceased: 0,
        marks: [
          { mark: '6_months', days: 183, kaplanMeier: { percent: null, atRiskAtMark: 0, endedBeforeMark: 0, censoredBeforeMark: 0 }, simple: { numerator: 0, denominator: 0, percent: null } },
          { mark: '12_months', days: 365, kaplanMeier: { percent: null, atRiskAtMark: 0, endedBeforeMark: 0, censoredBeforeMark: 0 }, simple: { numerator: 0, denominator: 0, percent: null } },
        ],
        curve: [],
      });
    });
  });

  describe('returns to the waitlist', () => {
    it('counts households back on the waitlist within 6, 12 and 24 months over the tenancies whose window is over', async () => {
      // Ended in 2016, t4 (deceased) left out: t1 (1 Mar, back the same day), t3 (1 Jun, planned move,
      // never back), t7 (1 Sep, back after 273 days), t2 (31 Dec, back after 700 days).
      const late = await ask('/indicators/returns-to-waitlist?asOf=2018-12-31&from=2016-01-01&to=2016-12-31', board);
      // By 31 Dec 2018 every window is over (t2: exactly 730 days).
      expect(late.figures).toMatchObject({
        ended: 4,
        returnedSoFar: 3,
        windows: [
          { window: '6_months', days: 183, returned: { numerator: 1, denominator: 4, percent: 25 } },
          { window: '12_months', days: 365, returned: { numerator: 2, denominator: 4, percent: 50 } },
          { window: '24_months', days: 730, returned: { numerator: 3, denominator: 4, percent: 75 } },
        ],
      });
      expect(late.figures.byEndReason.filter((r: { ended: number }) => r.ended > 0)).toEqual([
        { reason: 'moved_to_permanent_housing', ended: 1, returnedSoFar: 0 },
        { reason: 'left_without_notice', ended: 1, returnedSoFar: 1 },
        { reason: 'evicted_for_arrears', ended: 1, returnedSoFar: 1 },
        { reason: 'terminated_by_household', ended: 1, returnedSoFar: 1 },
      ]);
      expect(late.figures.byEndReason.map((r: { reason: string }) => r.reason)).not.toContain('deceased');
      // As of 31 Dec 2017: t2's return is not known yet; no 24-month window is over (t1: 670 days).
      const early = await ask('/indicators/returns-to-waitlist?asOf=2017-12-31&from=2016-01-01&to=2016-12-31', board);
      expect(early.figures.returnedSoFar).toBe(2);
      expect(early.figures.windows.map((w: { returned: unknown }) => w.returned)).toEqual([
        { numerator: 1, denominator: 4, percent: 25 },
        { numerator: 2, denominator: 4, percent: 50 },
        { numerator: 0, denominator: 0, percent: null },
      ]);
    });
  });

  describe('time to house', () => {
    it('ends at the tenancy start where a tenancy has started, and at the acceptance otherwise', async () => {
      const { figures } = await ask('/indicators/time-to-house?asOf=2016-12-31&from=2016-01-01&to=2016-12-31');
      // hA 1 Nov 2015 → tenancy 1 Jan 2016: 61; hB 1 Dec → 1 Jan: 31; hC 1 Apr → 1 Jun: 61; hD 1 Jul →
      // accepted 1 Aug (no tenancy): 31. Sorted 31, 31, 61, 61: total 184, mean 46, median 46, p90 61.
      expect(figures.housed.fromWaitlisted).toEqual({ count: 4, totalDays: 184, mean: 46, median: 46, p90: 61, min: 31, max: 61 });
      // From registration: hA 1 Oct → 1 Jan = 92; hB 31; hC 1 Mar → 1 Jun = 92; hD 1 Jun → 1 Aug = 61.
      expect(figures.housed.fromRegistration).toEqual({ count: 4, totalDays: 276, mean: 69, median: 76.5, p90: 92, min: 31, max: 92 });
      expect(figures).toMatchObject({ housedOnTenancyStart: 3, housedOnAcceptance: 1 });
      // As of 31 Dec 2015 no tenancy had started: hA and hB housed on their acceptances (30 and 19 days).
      const before = await ask('/indicators/time-to-house?asOf=2015-12-31&from=2015-01-01&to=2015-12-31');
      expect(before.figures.housed.fromWaitlisted).toMatchObject({ count: 2, totalDays: 49, min: 19, max: 30 });
      expect(before.figures).toMatchObject({ housedOnTenancyStart: 0, housedOnAcceptance: 2 });
    });
  });

  describe('vacancy', () => {
    it('starts a spell after a let on the day the previous tenancy ended, when leases told it', async () => {
      const { figures } = await ask('/indicators/vacancy?asOf=2018-12-31&from=2018-01-01&to=2018-12-31&district=RPT-T');
      // First let: available 2 Jan → let 20 Jan = 18 days. Relet: the tenancy ended 31 May (not the
      // flat available again on 20 June) → let 10 July = 30 + 10 = 40 days.
      expect(figures.filled.all).toEqual({ count: 2, totalDays: 58, mean: 29, median: 29, p90: 40, min: 18, max: 40 });
      expect(figures.filled.relets).toMatchObject({ count: 1, totalDays: 40 });
      expect(figures.spells.map((s: { startedOn: string; endedOn: string; days: number }) => [s.startedOn, s.endedOn, s.days])).toEqual([
        ['2018-01-02', '2018-01-20', 18],
        ['2018-05-31', '2018-07-10', 40],
      ]);
    });
  });

  describe('arrears', () => {
    it('gives the share of running tenancies in arrears, amounts in cents by ageing bucket, as of a day', async () => {
      const { figures } = await ask('/indicators/arrears?asOf=2017-03-31');
      // Running on 31 Mar 2017: t5 (61–90 days, 1 600.00 in arrears, 2.5 months) and t6 (cleared on 1 Mar;
      // its change of 10 April is later). t8 ended in January. Rent roll 650.00 + 540.00 = 1 190.00.
      expect(figures).toEqual({
        tenancies: 2,
        inArrears: { numerator: 1, denominator: 2, percent: 50 },
        moreThanTwoMonths: { numerator: 1, denominator: 2, percent: 50 },
        arrearsCents: 160_000,
        monthlyRentRollCents: 119_000,
        // 160 000 ÷ 119 000 = 134.45 % → 134.5.
        arrearsToMonthlyRentRoll: { numerator: 160_000, denominator: 119_000, percent: 134.5 },
        byAgeing: [
          { bucket: '0_30', tenancies: 0, arrearsCents: 0 },
          { bucket: '31_60', tenancies: 0, arrearsCents: 0 },
          { bucket: '61_90', tenancies: 1, arrearsCents: 160_000 },
          { bucket: '90_plus', tenancies: 0, arrearsCents: 0 },
        ],
      });
      // On 25 Feb 2017: t5 31–60 days (950.00, 1.5 months), t6 0–30 days (540.00, 1 month).
      const february = await ask('/indicators/arrears?asOf=2017-02-25');
      expect(february.figures).toMatchObject({
        tenancies: 2,
        inArrears: { numerator: 2, denominator: 2, percent: 100 },
        moreThanTwoMonths: { numerator: 0, denominator: 2, percent: 0 },
        arrearsCents: 149_000,
      });
      expect(february.figures.byAgeing.slice(0, 2)).toEqual([
        { bucket: '0_30', tenancies: 1, arrearsCents: 54_000 },
        { bucket: '31_60', tenancies: 1, arrearsCents: 95_000 },
      ]);
      const none = await ask('/indicators/arrears?asOf=2015-06-30');
      expect(none.figures).toMatchObject({ tenancies: 0, inArrears: { numerator: 0, denominator: 0, percent: null }, arrearsCents: 0 });
    });

    it('shows a landlord the arrears of its own tenancies only, and no other tenancy indicator', async () => {
      const landlord = bearer('landlord', { landlordId: landlord1 });
      const { figures } = await ask('/indicators/arrears?asOf=2017-03-31', landlord);
      expect(figures).toMatchObject({ tenancies: 1, arrearsCents: 160_000, monthlyRentRollCents: 65_000 });
      for (const indicator of ['sustainment', 'returns-to-waitlist', 'mediation']) {
        await service.http.get(`/indicators/${indicator}?asOf=2017-03-31`).set(landlord).expect(403);
      }
    });
  });

  describe('complaints and mediation', () => {
    it('counts complaints by category, the share answered in time at each stage, mediation outcomes and tenancies at risk kept', async () => {
      const { figures } = await ask('/indicators/mediation?asOf=2016-12-31&from=2016-01-01&to=2016-12-31', board);
      expect(figures.complaints).toEqual({
        // c1..c5 (c6 was received in 2015).
        received: 5,
        byCategory: [
          { category: 'noise', count: 2 },
          { category: 'hygiene', count: 1 },
          { category: 'damage', count: 0 },
          { category: 'neighbour_conflict', count: 1 },
          { category: 'harassment_or_discrimination', count: 0 },
          { category: 'safety', count: 1 },
          { category: 'other', count: 0 },
        ],
        // Acknowledgement due by 31 Dec: all five (c4's was due on 23 Dec and never came); in time: c1, c3, c5.
        acknowledgedInTime: { numerator: 3, denominator: 5, percent: 60 },
        // Answered: c1 (in time, upheld), c2 (late), c5 (in time); c3 past its due day (25 Nov), c4 not yet due.
        stage1: { entered: 5, answered: 3, answeredInTime: 2, answeredLate: 1, upheld: 1, awaitingAnswer: 2, overdue: 1, handledInTime: { numerator: 2, denominator: 4, percent: 50 } },
        stage2: { entered: 1, answered: 1, answeredInTime: 1, answeredLate: 0, upheld: 1, awaitingAnswer: 0, overdue: 0, handledInTime: { numerator: 1, denominator: 1, percent: 100 } },
        toMediation: 1,
      });
      // Closed in 2016: m1 (dialogue restored, agreement in June), m2 (failure), m3 (withdrawn, excluded: court case); m4 in 2017.
      expect(figures.mediations).toEqual({
        closed: 3,
        byOutcome: [
          { outcome: 'dialogue_restored', count: 1 },
          { outcome: 'complaints_stopped', count: 0 },
          { outcome: 'resolved_by_transfer', count: 0 },
          { outcome: 'failure', count: 1 },
          { outcome: 'withdrawn', count: 1 },
        ],
        excluded: 1,
        agreementsReached: 1,
      });
      // Flagged in 2016: t3 (then a planned move: kept), t5 (cleared, running: kept), t7 (ended by the household: not kept).
      expect(figures.tenanciesAtRisk).toEqual({ flagged: 3, cleared: 1, kept: { numerator: 2, denominator: 3, percent: 66.7 } });
    });
  });

  describe('replay, CSV and labels', () => {
    it('gives the same figures after the events are delivered again in reverse order, and to a fresh instance reading every topic from the start', async () => {
      const questions = [
        '/indicators/sustainment?asOf=2017-03-31&from=2016-01-01&to=2016-12-31',
        '/indicators/returns-to-waitlist?asOf=2018-12-31&from=2016-01-01&to=2016-12-31',
        '/indicators/arrears?asOf=2017-03-31',
        '/indicators/mediation?asOf=2016-12-31&from=2016-01-01&to=2016-12-31',
        '/indicators/time-to-house?asOf=2016-12-31&from=2016-01-01&to=2016-12-31',
        '/indicators/vacancy?asOf=2018-12-31&from=2018-01-01&to=2018-12-31&district=RPT-T',
        // Not asked before: computed after the replay.
        '/indicators/sustainment?asOf=2017-03-30&from=2016-01-01&to=2016-12-31',
      ];
      const first = await Promise.all(questions.map((q) => ask(q)));
      await history.mediation(...[...mediationEvents].reverse());
      await history.leases(...[...leaseEvents].reverse());
      const fresh = await startReporting();
      try {
        await history.applied(service);
        await history.applied(fresh, 60_000);
        const again = await Promise.all(questions.map((q) => ask(q)));
        const elsewhere = await Promise.all(questions.map(async (q) => (await fresh.http.get(q).set(staff).expect(200)).body));
        const figuresOf = (answers: { figures: unknown }[]) => answers.map((a) => a.figures);
        expect(figuresOf(again)).toEqual(figuresOf(first));
        expect(figuresOf(elsewhere)).toEqual(figuresOf(first));
        // A day earlier the same four failures; t5 censored at 363, still one day short of 365.
        expect(first[6].figures).toMatchObject({ tenancies: 7, endedNotSustained: 4 });
        expect(first[6].figures.marks[1].simple).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });
      } finally {
        await fresh.close();
        await clearRedisPrefix(fresh.env.BULLMQ_PREFIX!);
      }
    }, 120_000);

    it('exports the new indicators as CSV rows with labels in French, without any household or tenancy id', async () => {
      const response = await service.http.get('/indicators/sustainment/csv?asOf=2017-03-31&from=2016-01-01&to=2016-12-31&lang=fr').set(staff).expect(200);
      const lines = response.text.split('\r\n');
      expect(lines).toContain('Maintien dans le logement,2017-03-31,2016-01-01,2016-12-31,12 mois,Encore logés – proportion simple (entièrement observés) – %,66.7');
      expect(lines).toContain('Maintien dans le logement,2017-03-31,2016-01-01,2016-12-31,6 mois,Encore logés – estimation de Kaplan–Meier – %,57.1');
      const arrearsCsv = await service.http.get('/indicators/arrears/csv?asOf=2017-03-31&lang=nl').set(board).expect(200);
      expect(arrearsCsv.text).toContain('61–90 dagen over tijd,Per ouderdom – achterstal (cent),160000');
      for (const text of [response.text, arrearsCsv.text]) {
        for (const tenancy of [t1, t2, t5]) expect(text).not.toContain(tenancy.tenancyId);
        for (const household of [hA, hB]) expect(text).not.toContain(household.householdId);
      }
      const { items } = await ask('/indicators?lang=nl', board);
      expect(items.slice(7).map((i: { name: string; title: string }) => [i.name, i.title])).toEqual([
        ['sustainment', 'Woonbehoud'],
        ['returns-to-waitlist', 'Terugkeer naar de wachtlijst'],
        ['arrears', 'Huurachterstallen'],
        ['collection', 'Huurinning'],
        ['guarantee-claims', 'Beroepen op de waarborg'],
        ['mediation', 'Klachten en bemiddeling'],
      ]);
    });
  });
});
