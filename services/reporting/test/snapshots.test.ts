import { bearer, clearRedisPrefix, eventually, queryDatabase, TestApp } from '@hearth/testing';
import { at, History, HouseholdStream, startReporting } from './support';

const staff = bearer('sra_staff');

/** A day in Brussels, counted from today (negative: in the past), worked out here independently of the service. */
function brusselsDay(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

const yearToDateKey = (day: string) => `from=${day.slice(0, 4)}-01-01|to=${day}|programme=*|district=*|landlord=*`;

async function takenDays(service: TestApp): Promise<string[]> {
  const rows = await queryDatabase<{ day: string }>(service.database, 'SELECT day::text FROM snapshot_days WHERE taken_at IS NOT NULL ORDER BY day');
  return rows.map((row) => row.day);
}

async function storedIndicators(service: TestApp, day: string): Promise<string[]> {
  const rows = await queryDatabase<{ indicator: string }>(
    service.database,
    'SELECT indicator FROM indicator_snapshots WHERE as_of = $1 AND question_key = $2 ORDER BY indicator',
    [day, yearToDateKey(day)],
  );
  return rows.map((row) => row.indicator);
}

const EVERY_INDICATOR = ['allocation-runs', 'arrears', 'collection', 'guarantee-claims', 'mediation', 'offers', 'priority-departures', 'returns-to-waitlist', 'spread', 'sustainment', 'time-to-house', 'vacancy', 'waitlist'];

describe('daily snapshots', () => {
  describe('rebuilt by the sweep', () => {
    let service: TestApp & { env: NodeJS.ProcessEnv };
    const days = [brusselsDay(-3), brusselsDay(-2), brusselsDay(-1)];

    beforeAll(async () => {
      service = await startReporting({ SNAPSHOTS_FROM: days[0], JOB_SWEEP_INTERVAL_MS: '300' });
      // The consumer is running (an event applied) before anything else, so closing finds it started.
      const history = await History.connect(service);
      const household = new HouseholdStream();
      await history.applicants(household.registered('2023-01-02'));
      await history.applied();
      await history.disconnect();
    });

    afterAll(async () => {
      await service?.close();
      await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
    });

    it('takes a snapshot of every indicator for the year to date for each day that is over since SNAPSHOTS_FROM, and none for today', async () => {
      await eventually(async () => expect(await takenDays(service)).toEqual(days), 30_000);
      for (const day of days) expect(await storedIndicators(service, day)).toEqual(EVERY_INDICATOR);
      expect(await storedIndicators(service, brusselsDay(0))).toEqual([]);

      // The default question as of a snapshot day is answered from the snapshot.
      const [stored] = await queryDatabase<{ taken_at: Date }>(
        service.database,
        `SELECT taken_at FROM indicator_snapshots WHERE indicator = 'offers' AND as_of = $1 AND question_key = $2`,
        [days[2], yearToDateKey(days[2])],
      );
      const { body } = await service.http.get(`/indicators/offers?asOf=${days[2]}`).set(bearer('board_member')).expect(200);
      expect(body.snapshotTakenAt).toBe(new Date(stored.taken_at).toISOString());
      const { body: list } = await service.http.get('/snapshots').set(staff).expect(200);
      expect(list.items.map((item: { day: string }) => item.day)).toEqual([...days].reverse());
    });

    it('rebuilds a day whose snapshot went missing from the database', async () => {
      await eventually(async () => expect(await takenDays(service)).toEqual(days), 30_000);
      await queryDatabase(service.database, 'DELETE FROM indicator_snapshots WHERE as_of = $1', [days[1]]);
      await queryDatabase(service.database, 'DELETE FROM snapshot_days WHERE day = $1', [days[1]]);
      // Redis forgets its jobs too.
      await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
      await eventually(async () => {
        expect(await takenDays(service)).toEqual(days);
        expect(await storedIndicators(service, days[1])).toEqual(EVERY_INDICATOR);
      }, 30_000);
    });

    it('takes a past day an operator asks for, once; refuses today and readers who are not staff', async () => {
      await service.http.post('/snapshots').set(staff).send({ day: '2023-03-31' }).expect(202);
      await eventually(async () => expect(await storedIndicators(service, '2023-03-31')).toEqual(EVERY_INDICATOR), 30_000);
      await eventually(async () => expect(await takenDays(service)).toContain('2023-03-31'), 30_000);
      const [first] = await queryDatabase<{ n: number }>(service.database, `SELECT count(*)::int AS n FROM indicator_snapshots WHERE as_of = '2023-03-31'`);
      await service.http.post('/snapshots').set(staff).send({ day: '2023-03-31' }).expect(202);
      // A later day asked after it is taken proves the queue moved past the repeated request.
      await service.http.post('/snapshots').set(staff).send({ day: '2023-04-01' }).expect(202);
      await eventually(async () => expect(await takenDays(service)).toContain('2023-04-01'), 30_000);
      const [again] = await queryDatabase<{ n: number }>(service.database, `SELECT count(*)::int AS n FROM indicator_snapshots WHERE as_of = '2023-03-31'`);
      expect(again.n).toBe(first.n);

      const refused = await service.http.post('/snapshots').set(staff).send({ day: brusselsDay(0) }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'day' })]);
      await service.http.post('/snapshots').set(staff).send({ day: 'yesterday' }).expect(400);
      await service.http.post('/snapshots').set(bearer('board_member')).send({ day: '2023-03-31' }).expect(403);
    });
  });

  describe('queued after the commit of the first event of a day', () => {
    let service: TestApp & { env: NodeJS.ProcessEnv };

    beforeAll(async () => {
      // Sweeps only at start-up (when nothing is due yet): what follows can only come from the event.
      service = await startReporting({ JOB_SWEEP_INTERVAL_MS: '86400000' });
    });

    afterAll(async () => {
      await service?.close();
      await clearRedisPrefix(service.env.BULLMQ_PREFIX!);
    });

    it('marks yesterday due and takes its snapshot when an event is applied, the service having run since before', async () => {
      // The service has been applying events for five days (whatever it applied since it started,
      // from other tests' events on the same topics, counted from today).
      await queryDatabase(service.database, 'INSERT INTO reporting_epoch (first_day) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET first_day = EXCLUDED.first_day', [
        brusselsDay(-5),
      ]);
      expect(await takenDays(service)).toEqual([]);
      const history = await History.connect(service);
      try {
        const household = new HouseholdStream();
        await history.applicants(household.registered('2023-01-02'), household.waitlisted(at('2023-01-03')));
        await history.applied();
        await eventually(async () => expect(await takenDays(service)).toEqual([brusselsDay(-1)]), 30_000);
        expect(await storedIndicators(service, brusselsDay(-1))).toEqual(EVERY_INDICATOR);
      } finally {
        await history.disconnect();
      }
    });
  });
});
