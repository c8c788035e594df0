import { bearer, clearRedisPrefix, TestApp } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { at, FlatStream, History, HouseholdStream, OfferStream, RunStream, startReporting } from './support';

/**
 * A constructed history of 2021 (and a little of 2020) whose figures are worked out by hand below,
 * in the comments next to each expected value. Days are noon UTC, the same day in Brussels.
 * Other test files publish on the same topics with today's dates, so every question here is asked
 * for 2021 (and vacancy in district RPT-V, which only this file uses).
 */
const staff = bearer('sra_staff');
const board = bearer('board_member');

/** The text of a PDF, read by pdf-parse in a plain Node process (pdf.js loads its worker with a
 *  dynamic import, which Jest's module sandbox does not allow). */
function pdfText(pdf: Buffer): string {
  const script = `const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const { text } = await new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) }).getText();
      process.stdout.write(text);
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: pdf, encoding: 'utf8', cwd: __dirname });
}

const empty = { count: 0, totalDays: 0, mean: null, median: null, p90: null, min: null, max: null };

describe('indicators, computed on a constructed history and checked against hand-worked answers', () => {
  let service: TestApp & { env: NodeJS.ProcessEnv };
  let history: History;
  const applicantEvents: ReturnType<HouseholdStream['registered']>[] = [];
  const matchingEvents: ReturnType<OfferStream['made']>[] = [];
  const unitEvents: ReturnType<FlatStream['available']>[] = [];
  const landlordOfF1AndF2 = randomUUID();

  // Households: programme, registered, assessed (priority), first waitlisted.
  const h1 = new HouseholdStream('housing_first');
  const h2 = new HouseholdStream('housing_first');
  const h3 = new HouseholdStream('housing_led');
  const h4 = new HouseholdStream('rapid_rehousing');
  const h5 = new HouseholdStream('housing_first');
  const h6 = new HouseholdStream('housing_led');
  const h7 = new HouseholdStream('housing_first');
  const h8 = new HouseholdStream('housing_first');

  beforeAll(async () => {
    service = await startReporting();
    history = await History.connect(service);

    applicantEvents.push(
      h1.registered('2021-01-01'), h1.assessed('2021-01-05', 80), h1.waitlisted(at('2021-01-11')),
      h2.registered('2021-01-01'), h2.assessed('2021-01-05', 80), h2.waitlisted(at('2021-01-11')),
      // h3 declines twice and comes back to the waitlist each time: its wait runs from 1 March.
      h3.registered('2021-02-01'), h3.assessed('2021-02-15', 60), h3.waitlisted(at('2021-03-01')), h3.waitlisted(at('2021-03-13')), h3.waitlisted(at('2021-04-13')),
      // h4 starts at priority 30 and is re-scored to 55 before it is housed: band 50-75.
      h4.registered('2021-03-01'), h4.assessed('2021-03-01', 30), h4.waitlisted(at('2021-03-02')), h4.waitlisted(at('2021-04-05')), h4.reprioritised(at('2021-04-20'), 55),
      // h5 is still waiting at the end of 2021, paused since September.
      h5.registered('2020-06-01'), h5.assessed('2020-06-15', 20), h5.waitlisted(at('2020-07-01')), h5.paused(at('2021-09-01')),
      // h6 withdrew: gone, not waiting.
      h6.registered('2021-10-01'), h6.assessed('2021-10-05', 40), h6.waitlisted(at('2021-10-11')), h6.withdrawn(at('2021-11-01')),
      // h7 was housed in 2020: outside the period.
      h7.registered('2020-01-01'), h7.assessed('2020-01-20', 50), h7.waitlisted(at('2020-02-01')),
      // h8 accepts an offer on 5 January 2022: still waiting as of 31 December 2021.
      h8.registered('2021-11-01'), h8.assessed('2021-11-10', 90), h8.waitlisted(at('2021-12-01')),
    );

    const offer = (household: HouseholdStream, made: string, ...answers: ((o: OfferStream) => ReturnType<OfferStream['made']>)[]) => {
      const o = new OfferStream(randomUUID(), household);
      matchingEvents.push(o.proposed(at(made, '09:00:00Z')), o.made(at(made)), ...answers.map((answer) => answer(o)));
      return o;
    };
    offer(h1, '2021-02-01', (o) => o.accepted(at('2021-02-10')));
    offer(h2, '2021-02-01', (o) => o.accepted(at('2021-02-10')));
    offer(h3, '2021-03-10', (o) => o.declined(at('2021-03-12'), 'household.too_far_from_support'));
    offer(h3, '2021-04-10', (o) => o.declined(at('2021-04-12'), 'household.unsafe_area'));
    offer(h3, '2021-06-01', (o) => o.accepted(at('2021-06-08')));
    offer(h4, '2021-03-30', (o) => o.accepted(at('2021-04-01')), (o) => o.withdrawn(at('2021-04-05'), 'accepted'));
    offer(h4, '2021-05-01', (o) => o.accepted(at('2021-05-02')));
    offer(h8, '2021-12-30', (o) => o.accepted(at('2022-01-05')));
    offer(h5, '2021-05-01', (o) => o.declined(at('2021-05-03'), 'provider.unit_not_ready'));
    offer(h5, '2021-06-01', (o) => o.expired(at('2021-06-08')));
    offer(h5, '2021-07-01', (o) => o.withdrawn(at('2021-07-02'), 'offered', 'error_in_offer'));
    const onlyProposed = new OfferStream(randomUUID(), h5);
    matchingEvents.push(onlyProposed.proposed(at('2021-08-01')));
    offer(h7, '2020-12-15', (o) => o.accepted(at('2020-12-20')));

    const r1 = new RunStream('optimal');
    const r2 = new RunStream('priority');
    const r3 = new RunStream('optimal');
    const r4 = new RunStream('priority');
    matchingEvents.push(
      // r1 states the caps it was solved with: 1 household per building, 3 per district (spread compares against them).
      r1.completed(at('2021-05-01'), 4, { caps: { perBuilding: 1, perDistrict: 3 } }), r1.approved(at('2021-05-02'), 3, 1, 0),
      r2.completed(at('2021-06-01'), 2), r2.rejected(at('2021-06-02')),
      r3.completed(at('2021-12-30'), 5),
      r4.completed(at('2020-12-01'), 7),
    );

    const f1 = new FlatStream('RPT-V', 'bld-v-1', landlordOfF1AndF2);
    const f2 = new FlatStream('RPT-V', 'bld-v-1', landlordOfF1AndF2);
    const f3 = new FlatStream('RPT-V', 'bld-v-2');
    const f4 = new FlatStream('RPT-V', 'bld-v-2');
    const f5 = new FlatStream('RPT-V', 'bld-v-3');
    const f6 = new FlatStream('RPT-V', 'bld-v-3');
    const elsewhere = new FlatStream('RPT-W', 'bld-w-1');
    unitEvents.push(
      // f1 is let twice in 2021: 10 Jan → 9 Feb (30 days, first let), 1 Jul → 10 Aug (40 days,
      // a released reservation in between does not end the spell).
      ...f1.listed('2021-01-10'), f1.reserved(at('2021-02-01')), f1.let(at('2021-02-09')), f1.vacating(at('2021-05-01'), '2021-06-01'),
      f1.available(at('2021-07-01')), f1.reserved(at('2021-07-20')), f1.released(at('2021-07-25')), f1.reserved(at('2021-08-01')), f1.let(at('2021-08-10')),
      // f2: available 22 Dec 2020, reserved 1 Jan 2021 and still reserved: 10 days, ended by a reservation.
      ...f2.listed('2020-12-22'), f2.reserved(at('2021-01-01')),
      // f3: a suspension for repairs does not end the spell: 1 Mar → 4 Jun = 95 days.
      ...f3.listed('2021-03-01'), f3.suspended(at('2021-03-10')), f3.available(at('2021-04-01')), f3.reserved(at('2021-06-01')), f3.let(at('2021-06-04')),
      // f4: still vacant on 31 Dec, 60 days so far.
      ...f4.listed('2021-11-01'),
      // f5: withdrawn after 20 days.
      ...f5.listed('2021-05-01'), f5.withdrawn(at('2021-05-21')),
      // f6: let in 2020, outside the period.
      ...f6.listed('2020-01-01'), f6.let(at('2020-03-01')),
      // Another district: only in unfiltered figures.
      ...elsewhere.listed('2021-02-01'), elsewhere.reserved(at('2021-02-11')),
    );

    await history.applicants(...applicantEvents);
    await history.units(...unitEvents);
    await history.matching(...matchingEvents);
    await history.applied();
  }, 120_000);

  afterAll(async () => {
    await history?.disconnect();
    await service?.close();
    await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
  });

  const ask = async (app: TestApp, path: string, as = staff) => (await app.http.get(path).set(as).expect(200)).body;

  describe('time to house', () => {
    it('gives days from waitlisted and from registration for households housed in 2021, and those still waiting', async () => {
      const answer = await ask(service, '/indicators/time-to-house?asOf=2021-12-31&from=2021-01-01&to=2021-12-31');
      expect(answer).toMatchObject({ indicator: 'time-to-house', asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31', definition: 'docs/indicators.md#time-to-house' });
      const { figures } = answer;
      // Housed in 2021: h1, h2 (11 Jan → 10 Feb: 30), h4 (2 Mar → 2 May: 61; its first acceptance fell
      // through), h3 (1 Mar → 8 Jun: 31 + 30 + 31 + 7 = 99). Sorted 30, 30, 61, 99: total 220, mean 55,
      // median (30 + 61) / 2 = 45.5, p90 rank ⌈3.6⌉ = 4 → 99.
      expect(figures.housed.fromWaitlisted).toEqual({ count: 4, totalDays: 220, mean: 55, median: 45.5, p90: 99, min: 30, max: 99 });
      // From registration: h1, h2 1 Jan → 10 Feb = 40; h4 1 Mar → 2 May = 62; h3 1 Feb → 8 Jun = 28 + 99 = 127.
      expect(figures.housed.fromRegistration).toEqual({ count: 4, totalDays: 269, mean: 67.25, median: 51, p90: 127, min: 40, max: 127 });
      expect(figures.housedByProgramme).toEqual([
        { programme: 'housing_first', fromWaitlisted: { count: 2, totalDays: 60, mean: 30, median: 30, p90: 30, min: 30, max: 30 }, fromRegistration: { count: 2, totalDays: 80, mean: 40, median: 40, p90: 40, min: 40, max: 40 } },
        { programme: 'housing_led', fromWaitlisted: { count: 1, totalDays: 99, mean: 99, median: 99, p90: 99, min: 99, max: 99 }, fromRegistration: { count: 1, totalDays: 127, mean: 127, median: 127, p90: 127, min: 127, max: 127 } },
        { programme: 'rapid_rehousing', fromWaitlisted: { count: 1, totalDays: 61, mean: 61, median: 61, p90: 61, min: 61, max: 61 }, fromRegistration: { count: 1, totalDays: 62, mean: 62, median: 62, p90: 62, min: 62, max: 62 } },
      ]);
      // Bands: h1, h2 at 80; h3 at 60 and h4 at 55 (re-scored from 30 on 20 April, before 2 May).
      expect(figures.housedByPriorityBand.map((b: { band: string; fromWaitlisted: { count: number; mean: number | null } }) => [b.band, b.fromWaitlisted.count, b.fromWaitlisted.mean])).toEqual([
        ['75-100', 2, 30],
        ['50-75', 2, 80],
        ['25-50', 0, null],
        ['0-25', 0, null],
        ['unknown', 0, null],
      ]);
      // Still waiting on 31 Dec 2021: h5 (1 Jul 2020 → 31 Dec 2021 = 365 + 183 = 548 days; from
      // registration 1 Jun 2020: 578; paused) and h8 (1 Dec → 31 Dec = 30; from 1 Nov: 60). Not h6 (withdrew).
      expect(figures.stillWaiting).toEqual({
        count: 2,
        paused: 1,
        fromWaitlisted: { count: 2, totalDays: 578, mean: 289, median: 289, p90: 548, min: 30, max: 548 },
        fromRegistration: { count: 2, totalDays: 638, mean: 319, median: 319, p90: 578, min: 60, max: 578 },
      });
      expect(figures.stillWaitingByProgramme.map((p: { programme: string; count: number }) => [p.programme, p.count])).toEqual([
        ['housing_first', 2],
        ['housing_led', 0],
        ['rapid_rehousing', 0],
      ]);
      expect(figures.stillWaitingByPriorityBand.map((b: { band: string; count: number }) => [b.band, b.count])).toEqual([
        ['75-100', 1],
        ['50-75', 0],
        ['25-50', 0],
        ['0-25', 1],
        ['unknown', 0],
      ]);
    });

    it('as of an earlier day, counts what was known then: an acceptance that later fell through still housed, ties kept', async () => {
      const { figures } = await ask(service, '/indicators/time-to-house?asOf=2021-04-03&from=2021-01-01&to=2021-04-03');
      // h1, h2 (30 days) and h4, whose offer accepted on 1 April had not yet fallen through (2 Mar → 1 Apr = 30).
      expect(figures.housed.fromWaitlisted).toEqual({ count: 3, totalDays: 90, mean: 30, median: 30, p90: 30, min: 30, max: 30 });
      // Waiting on 3 April: h3 (1 Mar → 3 Apr = 33) and h5 (1 Jul 2020 → 3 Apr 2021 = 274 + 2 = 276, not yet paused).
      expect(figures.stillWaiting).toMatchObject({ count: 2, paused: 0, fromWaitlisted: { count: 2, totalDays: 309, median: 154.5, p90: 276 } });
    });

    it('filters by programme, and reports an empty population as nulls, not zeros', async () => {
      const { figures } = await ask(service, '/indicators/time-to-house?asOf=2021-12-31&from=2021-01-01&to=2021-12-31&programme=rapid_rehousing');
      expect(figures.housed.fromWaitlisted).toMatchObject({ count: 1, mean: 61 });
      expect(figures.housedByProgramme.map((p: { programme: string }) => p.programme)).toEqual(['rapid_rehousing']);
      expect(figures.stillWaiting).toEqual({ count: 0, paused: 0, fromWaitlisted: empty, fromRegistration: empty });
      const nobody = await ask(service, '/indicators/time-to-house?asOf=2021-01-31&from=2021-01-01&to=2021-01-31');
      expect(nobody.figures.housed).toEqual({ fromWaitlisted: empty, fromRegistration: empty });
    });
  });

  describe('waitlist', () => {
    it('counts households in and out in 2021 and waiting at its end, by programme', async () => {
      const { figures } = await ask(service, '/indicators/waitlist?asOf=2021-12-31&from=2021-01-01&to=2021-12-31', board);
      // Registered and first waitlisted in 2021: h1, h2, h3, h4, h6, h8 (h5 and h7 in 2020). Housed: h1,
      // h2, h3, h4. Left: h6 (withdrew 1 Nov). Waiting on 31 Dec: h5 (paused) and h8.
      expect(figures).toMatchObject({ registered: 6, waitlisted: 6, housed: 4, left: 1, waiting: 2, paused: 1 });
      expect(figures.byProgramme).toEqual([
        { programme: 'housing_first', registered: 3, waitlisted: 3, housed: 2, left: 0, waiting: 2, paused: 1 },
        { programme: 'housing_led', registered: 2, waitlisted: 2, housed: 1, left: 1, waiting: 0, paused: 0 },
        { programme: 'rapid_rehousing', registered: 1, waitlisted: 1, housed: 1, left: 0, waiting: 0, paused: 0 },
      ]);
      // As of 30 June 2021, for the first half: h6 and h8 not registered yet; h1, h2, h3, h4 housed.
      const june = await ask(service, '/indicators/waitlist?asOf=2021-06-30&from=2021-01-01&to=2021-06-30', board);
      expect(june.figures).toMatchObject({ registered: 4, waitlisted: 4, housed: 4, left: 0, waiting: 1, paused: 0 });
    });
  });

  describe('vacancy', () => {
    it('counts each spell in the year it ends, divides by the number of spells, and keeps first lets, withdrawals and open spells apart', async () => {
      const { figures } = await ask(service, '/indicators/vacancy?asOf=2021-12-31&from=2021-01-01&to=2021-12-31&district=rpt-v');
      // Filled in 2021: f1 30 and 40, f2 10 (reservation), f3 95. Total 175; mean 175 / 4 spells = 43.75
      // (not 175 / 3 programmes = 58.33); median (30 + 40) / 2 = 35; p90 rank 4 → 95.
      expect(figures.filled.all).toEqual({ count: 4, totalDays: 175, mean: 43.75, median: 35, p90: 95, min: 10, max: 95 });
      expect(figures.filled.all.mean).not.toBe(58.33);
      // First lets f1 (30), f2 (10), f3 (95): total 135, mean 45, median 30, p90 95. Relet: f1's 40.
      expect(figures.filled.firstLets).toEqual({ count: 3, totalDays: 135, mean: 45, median: 30, p90: 95, min: 10, max: 95 });
      expect(figures.filled.relets).toEqual({ count: 1, totalDays: 40, mean: 40, median: 40, p90: 40, min: 40, max: 40 });
      expect(figures.filled.endedByReservation).toBe(1);
      expect(figures.withdrawnWhileVacant).toEqual({ count: 1, days: { count: 1, totalDays: 20, mean: 20, median: 20, p90: 20, min: 20, max: 20 } });
      expect(figures.stillVacant).toEqual({ count: 1, daysSoFar: { count: 1, totalDays: 60, mean: 60, median: 60, p90: 60, min: 60, max: 60 } });
      expect(figures.spells).toHaveLength(6);
      expect(figures.spells.map((s: { startedOn: string; endedOn: string | null; end: string | null; days: number; firstLet: boolean }) => [s.startedOn, s.endedOn, s.end, s.days, s.firstLet]).sort()).toEqual(
        [
          ['2020-12-22', '2021-01-01', 'reserved', 10, true],
          ['2021-01-10', '2021-02-09', 'let', 30, true],
          ['2021-03-01', '2021-06-04', 'let', 95, true],
          ['2021-05-01', '2021-05-21', 'withdrawn', 20, true],
          ['2021-07-01', '2021-08-10', 'let', 40, false],
          ['2021-11-01', null, null, 60, true],
        ].sort(),
      );
    });

    it('shows a landlord only its own flats’ vacancy, and nothing else', async () => {
      const landlord = bearer('landlord', { landlordId: landlordOfF1AndF2 });
      const { figures } = await ask(service, '/indicators/vacancy?asOf=2021-12-31&from=2021-01-01&to=2021-12-31', landlord);
      // f1 (30, 40) and f2 (10): 80 / 3 = 26.666… → 26.67.
      expect(figures.filled.all).toMatchObject({ count: 3, totalDays: 80, mean: 26.67 });
      expect(figures.stillVacant.count).toBe(0);
      await service.http.get('/indicators/offers?asOf=2021-12-31').set(landlord).expect(403);
      await service.http.get('/indicators/time-to-house?asOf=2021-12-31').set(landlord).expect(403);
    });
  });

  describe('offers', () => {
    it('gives acceptance, decline and expiry rates over the household’s answers, declines by reason and households declining twice', async () => {
      const { figures } = await ask(service, '/indicators/offers?asOf=2021-12-31&from=2021-01-01&to=2021-12-31', board);
      // Made in 2021: 11 (the one only proposed and the one made in 2020 are not). Accepted: h1, h2, h3's
      // third, h4's second = 4; fell through: h4's first; declined by the household: h3 twice; by the
      // provider: 1; expired 1; withdrawn 1; open: h8's (accepted in 2022).
      expect(figures).toMatchObject({ made: 11, accepted: 4, fellThrough: 1, declinedByHousehold: 2, declinedByProvider: 1, expired: 1, withdrawn: 1, open: 1 });
      // Answered by the household: 4 + 1 + 2 + 1 = 8.
      expect(figures.acceptanceRate).toEqual({ numerator: 5, denominator: 8, percent: 62.5 });
      expect(figures.householdDeclineRate).toEqual({ numerator: 2, denominator: 8, percent: 25 });
      expect(figures.expiryRate).toEqual({ numerator: 1, denominator: 8, percent: 12.5 });
      expect(figures.householdsDecliningTwiceOrMore).toBe(1);
      expect(figures.declinesByReason.filter((r: { count: number }) => r.count > 0)).toEqual([
        { reason: 'household.too_far_from_support', party: 'household', count: 1 },
        { reason: 'household.unsafe_area', party: 'household', count: 1 },
        { reason: 'provider.unit_not_ready', party: 'provider', count: 1 },
      ]);
      expect(figures.declinesByReason).toHaveLength(11);
      // Housing First: h1, h2 accepted; h5's provider decline, expiry, withdrawal; h8's open: 2 / 3 = 66.7 %.
      // Housing-led: h3's 1 accepted of 3: 33.3 %. Rapid rehousing: h4's 2 of 2 (one fell through): 100 %.
      expect(figures.byProgramme.map((p: { programme: string; made: number; acceptanceRate: { percent: number } }) => [p.programme, p.made, p.acceptanceRate.percent])).toEqual([
        ['housing_first', 6, 66.7],
        ['housing_led', 3, 33.3],
        ['rapid_rehousing', 2, 100],
      ]);
      // Fairness: by the household's band on the day the offer was made. 75-100: h1, h2 accepted, h8's
      // open (2 / 2); 50-75: h3's three (one accepted) and h4's second (accepted, at 55 by then): 2 / 4;
      // 25-50: h4's first, at 30, fell through: 1 / 1; 0-25: h5's, only the expiry is an answer: 0 / 1.
      expect(figures.byPriorityBand.map((b: { band: string; made: number; acceptanceRate: { numerator: number; denominator: number; percent: number | null } }) => [b.band, b.made, b.acceptanceRate.numerator, b.acceptanceRate.denominator, b.acceptanceRate.percent])).toEqual([
        ['75-100', 3, 2, 2, 100],
        ['50-75', 4, 2, 4, 50],
        ['25-50', 1, 1, 1, 100],
        ['0-25', 3, 0, 1, 0],
        ['unknown', 0, 0, 0, null],
      ]);
    });
  });

  describe('allocation runs', () => {
    it('counts runs completed in 2021 and what the board did with them', async () => {
      const { figures } = await ask(service, '/indicators/allocation-runs?asOf=2021-12-31&from=2021-01-01&to=2021-12-31', board);
      expect(figures).toMatchObject({
        completed: 3,
        approved: 1,
        rejected: 1,
        awaitingApproval: 1,
        proposals: 11,
        offersProposed: 3,
        excludedByTheBoard: 1,
        skippedAsStale: 0,
        certificatesValid: 2,
        certificatesInvalid: 0,
      });
      expect(figures.byMode).toEqual([
        expect.objectContaining({ mode: 'priority', completed: 1, rejected: 1, proposals: 2 }),
        expect.objectContaining({ mode: 'optimal', completed: 2, approved: 1, awaitingApproval: 1, proposals: 9 }),
      ]);
    });
  });

  describe('spread', () => {
    it('counts agency households per building and district on the day, against the caps', async () => {
      const { figures } = await ask(service, '/indicators/spread?asOf=2021-12-31&district=RPT-V', board);
      // The caps of r1, the last run completed by then that stated them.
      // On 31 Dec: f1 let, f2 reserved (bld-v-1: 2 households, cap 1: over); f3 let, f4 available
      // (bld-v-2: 2 flats, 1 household); f5 withdrawn (not with the agency), f6 let (bld-v-3: 1 of 1).
      // District RPT-V: 5 flats, 4 households, cap 3: over.
      expect(figures).toEqual({
        caps: { perBuilding: 1, perDistrict: 3 },
        capsFrom: { runId: expect.any(String), completedOn: '2021-05-01' },
        households: 4,
        // No tenancy of these flats was reported: their statuses stand in.
        householdsFromTenancies: 0,
        buildings: [
          { buildingId: 'bld-v-1', district: 'RPT-V', flats: 2, households: 2, cap: 1, overCap: true },
          { buildingId: 'bld-v-2', district: 'RPT-V', flats: 2, households: 1, cap: 1, overCap: false },
          { buildingId: 'bld-v-3', district: 'RPT-V', flats: 1, households: 1, cap: 1, overCap: false },
        ],
        districts: [{ district: 'RPT-V', flats: 5, households: 4, cap: 3, overCap: true }],
        buildingsOverCap: 1,
        districtsOverCap: 1,
      });
      // On 20 May: f1 vacating (still housing its household), f2 reserved, f3 suspended for repairs
      // then available again (no household), f4 not yet listed, f5 available, f6 let.
      const may = await ask(service, '/indicators/spread?asOf=2021-05-20&district=RPT-V', board);
      expect(may.figures.buildings.map((b: { buildingId: string; flats: number; households: number }) => [b.buildingId, b.flats, b.households])).toEqual([
        ['bld-v-1', 2, 2],
        ['bld-v-2', 1, 0],
        ['bld-v-3', 2, 1],
      ]);
      const csv = await service.http.get('/indicators/spread/csv?asOf=2021-12-31&district=RPT-V&lang=en').set(board).expect(200);
      expect(csv.text.split('\r\n')).toContain('Spread,2021-12-31,2021-01-01,2021-12-31,RPT-V bld-v-1,Buildings – households,2');
    });
  });

  describe('replay', () => {
    it('gives the same figures after every event is delivered again in reverse order, and to a fresh instance reading the topics from the start', async () => {
      const questions = [
        '/indicators/time-to-house?asOf=2021-12-31&from=2021-01-01&to=2021-12-31',
        '/indicators/vacancy?asOf=2021-12-31&from=2021-01-01&to=2021-12-31&district=RPT-V',
        '/indicators/offers?asOf=2021-12-31&from=2021-01-01&to=2021-12-31',
        '/indicators/allocation-runs?asOf=2021-12-31&from=2021-01-01&to=2021-12-31',
        // Not asked before: computed now, after the replay.
        '/indicators/time-to-house?asOf=2021-12-30&from=2021-02-01&to=2021-12-30&programme=housing_first',
      ];
      const first = await Promise.all(questions.map((q) => ask(service, q)));
      const rows = async (app: TestApp) => (await app.http.get('/indicators/vacancy?asOf=2021-12-31&district=RPT-V').set(staff)).body.figures.spells.length;
      const spellsBefore = await rows(service);

      await history.matching(...[...matchingEvents].reverse());
      await history.units(...[...unitEvents].reverse());
      await history.applicants(...[...applicantEvents].reverse());
      const fresh = await startReporting();
      try {
        await history.applied(service);
        await history.applied(fresh, 60_000);
        expect(await rows(service)).toBe(spellsBefore);
        const again = await Promise.all(questions.map((q) => ask(service, q)));
        const elsewhere = await Promise.all(questions.map((q) => ask(fresh, q)));
        const figuresOf = (answers: { figures: unknown }[]) => answers.map((a) => a.figures);
        expect(figuresOf(again)).toEqual(figuresOf(first));
        expect(figuresOf(elsewhere)).toEqual(figuresOf(first));
      } finally {
        await fresh.close();
        await clearRedisPrefix(fresh.env.BULLMQ_PREFIX!);
      }
    }, 120_000);
  });

  describe('CSV and labels', () => {
    it('exports every figure as a row with labels in French, and vacancy spells as a table in Dutch', async () => {
      const response = await service.http.get('/indicators/vacancy/csv?asOf=2021-12-31&from=2021-01-01&to=2021-12-31&district=RPT-V&lang=fr').set(staff).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const lines = response.text.split('\r\n');
      expect(lines[0]).toBe('Indicateur,À la date du,Du,Au,Groupe,Mesure,Valeur');
      expect(lines).toContain('Vacance,2021-12-31,2021-01-01,2021-12-31,,Vacances pourvues – toutes – moyenne (jours),43.75');
      expect(lines).toContain('Vacance,2021-12-31,2021-01-01,2021-12-31,,Encore vacants – nombre,1');

      const spells = await service.http.get('/indicators/vacancy/csv?asOf=2021-12-31&from=2021-01-01&to=2021-12-31&district=RPT-V&lang=nl&table=spells').set(board).expect(200);
      const table = spells.text.trim().split('\r\n');
      expect(table[0]).toBe('Woning,Wijk,Gebouw,Leeg sinds,Tot,Einde,Dagen,Eerste verhuring');
      expect(table).toHaveLength(7);
      expect(table.filter((line) => line.includes(',2021-07-01,2021-08-10,huur begonnen,40,nee'))).toHaveLength(1);
    });

    it('exports time to house by programme and band without any household id', async () => {
      const response = await service.http.get('/indicators/time-to-house/csv?asOf=2021-12-31&from=2021-01-01&to=2021-12-31').set(board).expect(200);
      expect(response.text).toContain('Time to house,2021-12-31,2021-01-01,2021-12-31,Housing-led,"Housed, by programme – from waitlisted – median (days)",99');
      expect(response.text).toContain('Time to house,2021-12-31,2021-01-01,2021-12-31,,Still waiting – paused,1');
      for (const household of [h1, h2, h3, h4, h5, h6, h7, h8]) {
        expect(response.text).not.toContain(household.householdId);
        expect(response.text).not.toContain(household.reference);
      }
    });

    it('lists the indicators with their titles and definitions in the reader’s language', async () => {
      const { items } = await ask(service, '/indicators?lang=nl', board);
      expect(items.map((i: { name: string; title: string }) => [i.name, i.title])).toEqual([
        ['time-to-house', 'Tijd tot huisvesting'],
        ['waitlist', 'Wachtlijst'],
        ['vacancy', 'Leegstand'],
        ['offers', 'Aanbiedingen'],
        ['allocation-runs', 'Toewijzingsrondes'],
        ['priority-departures', 'Afwijkingen van de prioriteitsvolgorde'],
        ['spread', 'Spreiding'],
        ['sustainment', 'Woonbehoud'],
        ['returns-to-waitlist', 'Terugkeer naar de wachtlijst'],
        ['arrears', 'Huurachterstallen'],
        ['collection', 'Huurinning'],
        ['guarantee-claims', 'Beroepen op de waarborg'],
        ['mediation', 'Klachten en bemiddeling'],
      ]);
      expect(items[0].definedIn).toBe('docs/indicators.md#time-to-house');
    });
  });

  describe('annual report', () => {
    it('prints every indicator with its definition, key figures and a chart, in French', async () => {
      const response = await service.http
        .get('/reports/annual/2021?lang=fr')
        .set(board)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const text = pdfText(response.body as Buffer);
      for (const heading of ['Rapport annuel 2021', 'Délai de relogement', 'Liste d’attente', 'Vacance', 'Propositions', 'Attributions groupées', 'Répartition', 'Chiffres clés', 'Refus par motif', 'Maintien dans le logement', 'Retours sur la liste d’attente', 'Arriérés', 'Plaintes et médiation']) {
        expect(text).toContain(heading);
      }
      // Time to house from waitlisted: median 45.5 days, written the French way.
      expect(text).toContain('45,5');
      for (const household of [h1, h3, h5]) expect(text).not.toContain(household.householdId);
      await service.http.get('/reports/annual/2021').set(bearer('landlord', { landlordId: landlordOfF1AndF2 })).expect(403);
      await service.http.get('/reports/annual/twenty').set(board).expect(400);
    });
  });

  describe('access and input', () => {
    it('lets staff and board members read, refuses caseworkers and inspectors, and answers unknown indicators 404', async () => {
      for (const role of ['caseworker', 'inspector', 'mediator'] as const) {
        await service.http.get('/indicators/time-to-house?asOf=2021-12-31').set(bearer(role)).expect(403);
      }
      await service.http.get('/indicators/time-to-house?asOf=2021-12-31').expect(401);
      await service.http.get('/indicators/nonsense').set(staff).expect(404);
    });

    it('refuses a period ending after asOf, or starting after it ends, naming the field', async () => {
      const late = await service.http.get('/indicators/offers?asOf=2021-06-30&to=2021-12-31').set(staff).expect(400);
      expect(late.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
      const reversed = await service.http.get('/indicators/offers?asOf=2021-12-31&from=2021-07-01&to=2021-06-30').set(staff).expect(400);
      expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
      await service.http.get('/indicators/offers?asOf=2021-02-30').set(staff).expect(400);
      await service.http.get('/indicators/offers?programme=everyone').set(staff).expect(400);
    });
  });
  describe('as of a closed day', () => {
    it('keeps the answer it first gave, even after a late event dated on or before that day arrives', async () => {
      const question = '/indicators/offers?asOf=2021-12-31&from=2021-01-01&to=2021-12-31';
      const before = await ask(service, question);
      expect(before.figures.made).toBe(11);
      expect(before.snapshotTakenAt).toEqual(expect.any(String));

      const late = new OfferStream(randomUUID(), h5);
      await history.matching(late.proposed(at('2021-12-20', '09:00:00Z')), late.made(at('2021-12-20')), late.declined(at('2021-12-21'), 'household.other'));
      await history.applied();

      const after = await ask(service, question);
      expect(after).toEqual(before);
      // The next day's question knows the late offer: 12 made, 3 declined by households.
      const nextDay = await ask(service, '/indicators/offers?asOf=2022-01-01&from=2021-01-01&to=2021-12-31');
      expect(nextDay.figures).toMatchObject({ made: 12, declinedByHousehold: 3, open: 1 });
    });
  });
});
