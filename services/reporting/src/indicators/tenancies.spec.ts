import fc from 'fast-check';
import { addDays } from '../calendar/calendar';
import { sustainment, TenancyRow } from './tenancies';

const asOf = '2024-12-31';
const question = { asOf, from: '2000-01-01', to: asOf };

/** A tenancy that started `age` days before asOf and, if `endedAfter` is set, ended that many days after its start. */
function tenancy(i: number, age: number, endedAfter: number | null, endReason = 'evicted_for_arrears'): TenancyRow {
  const startedOn = addDays(asOf, -age);
  return {
    tenancyId: `t${i}`,
    householdId: `h${i}`,
    landlordId: null,
    programme: null,
    district: null,
    startedOn,
    endedOn: endedAfter === null ? null : addDays(startedOn, endedAfter),
    endReason: endedAfter === null ? null : endReason,
    rentCents: null,
    serviceChargesCents: null,
  };
}

/** Kaplan–Meier written as a walk through the tenancies sorted by time, in floating point. */
function naiveKaplanMeier(times: { t: number; failed: boolean }[], mark: number): number | null {
  if (times.length === 0) return null;
  const sorted = [...times].sort((a, b) => a.t - b.t || Number(b.failed) - Number(a.failed));
  let alive = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length && sorted[i].t < mark) {
    const t = sorted[i].t;
    let failures = 0;
    let censored = 0;
    while (i < sorted.length && sorted[i].t === t) {
      if (sorted[i].failed) failures += 1;
      else censored += 1;
      i += 1;
    }
    survival *= (alive - failures) / alive;
    alive -= failures + censored;
  }
  if (alive === 0 && survival > 0) return null;
  return survival * 100;
}

const population = fc.array(
  fc.record({ age: fc.integer({ min: 0, max: 900 }), ended: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }) }).map(({ age, ended }) => ({
    age,
    ended: ended === null || ended > age ? null : ended,
  })),
  { maxLength: 60 },
);

describe('sustainment', () => {
  it('agrees with a naive Kaplan–Meier at both marks, whatever the censoring', () => {
    fc.assert(
      fc.property(population, (draws) => {
        const rows = draws.map((d, i) => tenancy(i, d.age, d.ended));
        const times = draws.map((d) => (d.ended === null ? { t: d.age, failed: false } : { t: d.ended, failed: true }));
        const figures = sustainment(question, rows);
        for (const mark of figures.marks) {
          const naive = naiveKaplanMeier(times, mark.days);
          if (naive === null) expect(mark.kaplanMeier.percent).toBeNull();
          else expect(Math.abs(mark.kaplanMeier.percent! - naive)).toBeLessThanOrEqual(0.05 + 1e-9);
        }
      }),
    );
  });

  it('equals the simple proportion when nobody is censored before the mark', () => {
    fc.assert(
      fc.property(population, (draws) => {
        // Every tenancy at least 365 days old: nobody can be censored before either mark.
        const rows = draws.map((d, i) => tenancy(i, d.age + 365, d.ended));
        const figures = sustainment(question, rows);
        for (const mark of figures.marks) {
          expect(mark.kaplanMeier.censoredBeforeMark).toBe(0);
          expect(mark.kaplanMeier.percent).toBe(mark.simple.percent);
        }
      }),
    );
  });

  it('counts planned moves as sustained and leaves deaths out', () => {
    const rows = [tenancy(1, 400, 10, 'moved_to_permanent_housing'), tenancy(2, 400, 10, 'deceased'), tenancy(3, 400, 10, 'moved_to_care_or_institution'), tenancy(4, 400, null)];
    const figures = sustainment(question, rows);
    // t1 and t4 reach both marks; t3 fails on day 10: 2 / 3, the same both ways (nobody censored before the marks).
    expect(figures).toMatchObject({ tenancies: 3, excludedDeceased: 1, endedPlannedMove: 1, endedNotSustained: 1, running: 1 });
    expect(figures.marks.map((m) => [m.kaplanMeier.percent, m.simple.percent])).toEqual([
      [66.7, 66.7],
      [66.7, 66.7],
    ]);
    // Everybody failed before the mark: 0, not null.
    expect(sustainment(question, [tenancy(1, 50, 5), tenancy(2, 20, 3)]).marks[0].kaplanMeier.percent).toBe(0);
  });
});
