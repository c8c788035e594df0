import { bearer, clearRedisPrefix, TestApp } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { aDeparture, at, FlatStream, History, HouseholdStream, RunStream, startReporting, TenancyStream } from './support';

/**
 * A constructed 2008–2009 history (years no other test file uses) of rent indexations, tenancies
 * spread over buildings, allocation runs with their caps and their departures from strict priority
 * order, whose figures are worked out by hand in the comments next to each expected value.
 */
const staff = bearer('sra_staff');
const board = bearer('board_member');

describe('rent roll after indexation, spread from tenancies, departures from priority order', () => {
  let service: TestApp & { env: NodeJS.ProcessEnv };
  let history: History;

  // Rent roll: two tenancies in district RPT-X.
  const fx1 = new FlatStream('RPT-X', 'bld-x-1');
  const fx2 = new FlatStream('RPT-X', 'bld-x-2');
  const tx1 = new TenancyStream(new HouseholdStream(), fx1.landlordId, fx1.unitId);
  const tx2 = new TenancyStream(new HouseholdStream(), fx2.landlordId, fx2.unitId);

  // Spread: buildings bld-s-1 (fs1, fs2, fs3), bld-s-2 (fs4), bld-s-3 (fs5) in district RPT-S.
  const fs1 = new FlatStream('RPT-S', 'bld-s-1');
  const fs2 = new FlatStream('RPT-S', 'bld-s-1');
  const fs3 = new FlatStream('RPT-S', 'bld-s-1');
  const fs4 = new FlatStream('RPT-S', 'bld-s-2');
  const fs5 = new FlatStream('RPT-S', 'bld-s-3');
  const ts1 = new TenancyStream(new HouseholdStream(), fs1.landlordId, fs1.unitId);
  const ts2 = new TenancyStream(new HouseholdStream(), fs2.landlordId, fs2.unitId);
  const ts4 = new TenancyStream(new HouseholdStream(), fs4.landlordId, fs4.unitId);
  const ts5 = new TenancyStream(new HouseholdStream(), fs5.landlordId, fs5.unitId);
  const ts6 = new TenancyStream(new HouseholdStream(), fs5.landlordId, fs5.unitId);

  // Runs stating their caps.
  const rc1 = new RunStream('optimal');
  const rc2 = new RunStream('priority');
  // Runs with departures.
  const rd1 = new RunStream('optimal');
  const rd2 = new RunStream('optimal');
  const rd3 = new RunStream('priority');
  const rd4 = new RunStream('optimal');
  const rd5 = new RunStream('optimal');
  const rd6 = new RunStream('optimal');
  const [elsewhere1, elsewhere2, elsewhere3, elsewhere4, elsewhere5, elsewhere6] = Array.from({ length: 6 }, () => randomUUID());

  beforeAll(async () => {
    service = await startReporting();
    history = await History.connect(service);

    await history.units(
      ...fx1.listed('2007-12-01'), fx1.let(at('2008-01-01')),
      ...fx2.listed('2007-12-01'), fx2.let(at('2008-03-01')),
      // fs1 let, its tenancy ends on 31 Oct and the flat is available again.
      ...fs1.listed('2008-01-01'), fs1.let(at('2008-02-01')), fs1.available(at('2008-11-15')),
      ...fs2.listed('2008-01-01'), fs2.let(at('2008-03-01')),
      // fs3: reserved on 20 Dec, no tenancy reported: its status stands in.
      ...fs3.listed('2008-01-01'), fs3.reserved(at('2008-12-20')),
      // fs4: units never said it was let; leases did.
      ...fs4.listed('2008-01-01'),
      // fs5: one tenancy after another.
      ...fs5.listed('2008-01-01'), fs5.let(at('2008-05-01')),
    );
    await history.leases(
      tx1.started('2008-01-01', 50_000, 4_000),
      // Known on 1 June, in effect from 1 July.
      tx1.indexed(at('2008-06-01'), '2008-07-01', 50_000, 51_500),
      tx2.started('2008-03-01', 60_000, 5_000),
      tx2.arrears('2008-08-05', '31_60', 65_000, 1),
      tx2.indexed(at('2008-08-10'), '2008-09-01', 60_000, 61_200),
      // Known on 1 August 2009, in effect from 1 September 2009.
      tx2.indexed(at('2009-08-01'), '2009-09-01', 61_200, 62_400),
      ts1.started('2008-02-01'), ts1.ended('2008-10-31', 'moved_to_permanent_housing'),
      ts2.started('2008-03-01'),
      ts4.started('2008-04-01'),
      ts5.started('2008-05-01'), ts5.ended('2008-09-30', 'terminated_by_household'),
      ts6.started('2008-10-01'),
      // Every tenancy has ended before the years other test files look at (each suite's service reads every topic).
      ...[tx1, tx2, ts2, ts4, ts6].map((t) => t.ended('2010-06-30', 'moved_to_permanent_housing')),
    );
    await history.matching(
      rc1.completed(at('2008-05-10'), 1, { caps: { perBuilding: 1, perDistrict: { 'RPT-S': 3 } } }),
      rc2.completed(at('2008-11-01'), 1, { caps: { perBuilding: 2, perDistrict: 5 } }),
      // rd1: the optimum passes a household of priority 30 over for fs4 (gap 5); the board leaves a proposal out without a note.
      rd1.completed(at('2008-06-01'), 3),
      rd1.approved(at('2008-06-03'), 2, 1, 0, {
        approvedPoint: null,
        noteRecorded: false,
        departures: [aDeparture('run_choice', 'optimal_allocation', fs4.unitId, 25, 30), aDeparture('board_exclusion', 'board_decision', elsewhere1, 40)],
      }),
      // rd2: the board approves frontier point 2 (gap 72.5 − 60 = 12.5) and leaves out a proposal over the district limit.
      rd2.completed(at('2008-07-01'), 4, { certificateValid: false }),
      rd2.approved(at('2008-07-02'), 3, 1, 0, {
        approvedPoint: 2,
        noteRecorded: true,
        departures: [aDeparture('run_choice', 'frontier_point', elsewhere2, 60, 72.5), aDeparture('board_exclusion', 'over_district_limit', elsewhere3, 55)],
      }),
      // rd3: a priority run without approval: its offers went out on completion (gap 10).
      rd3.completed(at('2008-08-01'), 2, { approvalRequired: false, departures: [aDeparture('run_choice', 'caps_in_priority_order', elsewhere4, 10, 20)] }),
      // rd4: an optimum whose certificate did not check out (gap 1): its justification is not recorded.
      rd4.completed(at('2008-09-01'), 1, { certificateValid: false }),
      rd4.approved(at('2008-09-02'), 1, 0, 0, { approvedPoint: null, noteRecorded: true, departures: [aDeparture('run_choice', 'optimal_allocation', elsewhere5, 50, 51)] }),
      // rd5: awaiting approval at the end of 2008; rd6: approved in 2009.
      rd5.completed(at('2008-12-30'), 1),
      rd6.completed(at('2008-12-31'), 1),
      rd6.approved(at('2009-01-05'), 1, 0, 0, { approvedPoint: null, noteRecorded: false, departures: [aDeparture('run_choice', 'optimal_allocation', elsewhere6, 10, 90)] }),
    );
    await history.applied();
  }, 180_000);

  afterAll(async () => {
    await history?.disconnect();
    await service?.close();
    await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
  });

  const ask = async (path: string, as = staff) => (await service.http.get(path).set(as).expect(200)).body;

  describe('arrears: the rent roll after indexation', () => {
    it('takes each running tenancy’s indexed rent from the indexation’s effective day, never from the day it was known', async () => {
      // 30 Jun 2008: tx1's indexation is known but in effect from 1 July. 500.00 + 40.00 + 600.00 + 50.00 = 1 190.00.
      expect((await ask('/indicators/arrears?asOf=2008-06-30&district=RPT-X')).figures).toMatchObject({ tenancies: 2, monthlyRentRollCents: 119_000, arrearsCents: 0 });
      // 31 Aug 2008: tx1 at 515.00: 515.00 + 40.00 + 600.00 + 50.00 = 1 205.00; tx2 owes 650.00: 65 000 ÷ 120 500 = 53.94 % → 53.9.
      expect((await ask('/indicators/arrears?asOf=2008-08-31&district=RPT-X')).figures).toMatchObject({
        monthlyRentRollCents: 120_500,
        arrearsCents: 65_000,
        arrearsToMonthlyRentRoll: { numerator: 65_000, denominator: 120_500, percent: 53.9 },
      });
      // 31 Dec 2008: tx2 at 612.00 too: 555.00 + 662.00 = 1 217.00.
      expect((await ask('/indicators/arrears?asOf=2008-12-31&district=RPT-X')).figures.monthlyRentRollCents).toBe(121_700);
      // 15 Aug 2009: tx2's second indexation is known (1 August) but in effect from 1 September: still 1 217.00.
      expect((await ask('/indicators/arrears?asOf=2009-08-15&district=RPT-X')).figures.monthlyRentRollCents).toBe(121_700);
      // 31 Dec 2009: tx2 at 624.00: 555.00 + 674.00 = 1 229.00.
      expect((await ask('/indicators/arrears?asOf=2009-12-31&district=RPT-X')).figures.monthlyRentRollCents).toBe(122_900);
    });
  });

  describe('spread: households from tenancies, caps from the runs', () => {
    it('counts the households of the tenancies running on the day, against the caps of the last run completed by then', async () => {
      // 30 Jun 2008: ts1 (fs1), ts2 (fs2) in bld-s-1, fs3 available; ts4 (fs4) in bld-s-2; ts5 (fs5) in bld-s-3.
      // Caps of rc1 (10 May): 1 per building (bld-s-1 over), 3 for RPT-S (4: over).
      const june = (await ask('/indicators/spread?asOf=2008-06-30&district=RPT-S', board)).figures;
      expect(june).toEqual({
        caps: { perBuilding: 1, perDistrict: { 'RPT-S': 3 } },
        capsFrom: { runId: rc1.runId, completedOn: '2008-05-10' },
        households: 4,
        householdsFromTenancies: 4,
        buildings: [
          { buildingId: 'bld-s-1', district: 'RPT-S', flats: 3, households: 2, cap: 1, overCap: true },
          { buildingId: 'bld-s-2', district: 'RPT-S', flats: 1, households: 1, cap: 1, overCap: false },
          { buildingId: 'bld-s-3', district: 'RPT-S', flats: 1, households: 1, cap: 1, overCap: false },
        ],
        districts: [{ district: 'RPT-S', flats: 5, households: 4, cap: 3, overCap: true }],
        buildingsOverCap: 1,
        districtsOverCap: 1,
      });
      // 31 Dec 2008: ts1 ended 31 Oct (fs1 available: 0), ts2 running (1), fs3 reserved without a tenancy (its
      // status: 1) → bld-s-1: 2; ts4 → 1 although units never said fs4 was let; ts5 ended, ts6 running → 1.
      // Caps of rc2 (1 Nov): 2 per building, 5 per district: nothing over.
      const december = (await ask('/indicators/spread?asOf=2008-12-31&district=RPT-S', board)).figures;
      expect(december).toEqual({
        caps: { perBuilding: 2, perDistrict: 5 },
        capsFrom: { runId: rc2.runId, completedOn: '2008-11-01' },
        households: 4,
        householdsFromTenancies: 3,
        buildings: [
          { buildingId: 'bld-s-1', district: 'RPT-S', flats: 3, households: 2, cap: 2, overCap: false },
          { buildingId: 'bld-s-2', district: 'RPT-S', flats: 1, households: 1, cap: 2, overCap: false },
          { buildingId: 'bld-s-3', district: 'RPT-S', flats: 1, households: 1, cap: 2, overCap: false },
        ],
        districts: [{ district: 'RPT-S', flats: 5, households: 4, cap: 5, overCap: false }],
        buildingsOverCap: 0,
        districtsOverCap: 0,
      });
      // 30 Apr 2008, before any run stated caps: the configured ones (SPREAD_CAP_PER_BUILDING 2 by default, no
      // district cap). ts1, ts2, ts4 running; fs5 available with no tenancy yet: 3 households.
      const april = (await ask('/indicators/spread?asOf=2008-04-30&district=RPT-S', board)).figures;
      expect(april).toMatchObject({ caps: { perBuilding: 2, perDistrict: null }, capsFrom: null, households: 3, householdsFromTenancies: 3 });
      expect(april.districts).toEqual([{ district: 'RPT-S', flats: 5, households: 3, cap: null, overCap: false }]);
    });
  });

  describe('priority departures', () => {
    it('lists every departure of the runs decided in the period with its justification, and which are not recorded', async () => {
      const { figures } = await ask('/indicators/priority-departures?asOf=2008-12-31', board);
      // Decided in 2008: rd1 (3 Jun), rd2 (2 Jul), rd3 (1 Aug, without approval), rd4 (2 Sep); rd5 awaits, rd6 is 2009's.
      // Not recorded: rd1's exclusion (no note), rd4's optimum (certificate invalid). Gaps 5, 12.5, 10, 1.
      const { list, ...counts } = figures;
      expect(counts).toEqual({
        runsDecided: 4,
        runsWithDepartures: 4,
        departures: 6,
        justificationRecorded: 4,
        justificationNotRecorded: 2,
        byKind: [
          { kind: 'run_choice', count: 4 },
          { kind: 'board_exclusion', count: 2 },
        ],
        byJustification: [
          { justification: 'optimal_allocation', count: 2 },
          { justification: 'frontier_point', count: 1 },
          { justification: 'caps_in_priority_order', count: 1 },
          { justification: 'over_district_limit', count: 1 },
          { justification: 'board_decision', count: 1 },
        ],
        pointsPassedOver: { departures: 4, total: 28.5, max: 12.5 },
      });
      const row = (runId: string, unitId: string) => list.find((d: { runId: string; unitId: string }) => d.runId === runId && d.unitId === unitId);
      expect(row(rd1.runId, fs4.unitId)).toEqual({
        runId: rd1.runId,
        mode: 'optimal',
        decidedOn: '2008-06-03',
        kind: 'run_choice',
        justification: 'optimal_allocation',
        justificationRecorded: true,
        unitId: fs4.unitId,
        district: 'RPT-S',
        buildingId: 'bld-s-2',
        priority: 25,
        passedOverPriority: 30,
        gap: 5,
        approvedPoint: null,
      });
      expect(row(rd1.runId, elsewhere1)).toMatchObject({ kind: 'board_exclusion', justification: 'board_decision', justificationRecorded: false, district: null, passedOverPriority: null, gap: null });
      expect(row(rd2.runId, elsewhere2)).toMatchObject({ justification: 'frontier_point', justificationRecorded: true, approvedPoint: 2, gap: 12.5 });
      expect(row(rd3.runId, elsewhere4)).toMatchObject({ decidedOn: '2008-08-01', mode: 'priority', justification: 'caps_in_priority_order', justificationRecorded: true });
      expect(row(rd4.runId, elsewhere5)).toMatchObject({ justification: 'optimal_allocation', justificationRecorded: false, gap: 1 });
      // By day decided: rd1's two, rd2's two, rd3's, rd4's.
      expect(list.map((d: { decidedOn: string }) => d.decidedOn)).toEqual(['2008-06-03', '2008-06-03', '2008-07-02', '2008-07-02', '2008-08-01', '2008-09-02']);
      // No household leaves the service.
      expect(JSON.stringify(figures)).not.toMatch(/householdId/i);

      // As of 30 June: rd1 only. District RPT-S: rd1's departure for fs4 only.
      expect((await ask('/indicators/priority-departures?asOf=2008-06-30', board)).figures).toMatchObject({ runsDecided: 1, departures: 2 });
      expect((await ask('/indicators/priority-departures?asOf=2008-12-31&district=RPT-S', board)).figures).toMatchObject({ departures: 1, byKind: [{ kind: 'run_choice', count: 1 }, { kind: 'board_exclusion', count: 0 }] });
      // A landlord reads none of it.
      await service.http.get('/indicators/priority-departures?asOf=2008-12-31').set(bearer('landlord', { landlordId: randomUUID() })).expect(403);
    });

    it('exports the figures and one row per departure as CSV, with labels in the reader’s language', async () => {
      const figures = await service.http.get('/indicators/priority-departures/csv?asOf=2008-12-31&lang=en').set(board).expect(200);
      const lines = figures.text.split('\r\n');
      expect(lines).toContain('Departures from priority order,2008-12-31,2008-01-01,2008-12-31,,Justification not recorded,2');
      expect(lines).toContain('Departures from priority order,2008-12-31,2008-01-01,2008-12-31,Frontier point approved by the board,By justification – count,1');
      const table = await service.http.get('/indicators/priority-departures/csv?asOf=2008-12-31&lang=en&table=departures').set(board).expect(200);
      const rows = table.text.split('\r\n').filter((line) => line !== '');
      expect(rows).toHaveLength(7);
      expect(rows).toContain(`2008-06-03,${rd1.runId},Optimal,Run’s choice,Optimal allocation (certified),yes,,${fs4.unitId},RPT-S,bld-s-2,25,30,5`);
    });
  });
});
