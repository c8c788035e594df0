import { randomBytes } from 'node:crypto';
import { loadMediationConfig, MediationConfig, mediationConfigSchema, MediationRules } from './config';

const env = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_ISSUER: 'https://hearth.example.org',
  MEDIATION_DATA_KEY: randomBytes(32).toString('base64'),
};

/** The rules from configuration, reading a real clock stopped at `realNow`. */
function rulesAt(realNow: string, extra: Record<string, string> = {}): MediationRules {
  const config: MediationConfig = loadMediationConfig({ ...env, ...extra });
  const rules = MediationRules.fromConfig(config);
  return new MediationRules(
    rules.calendar,
    rules.timeZone,
    rules.complaints,
    rules.caseReview,
    rules.preparationTaskDays,
    rules.postArrivalMeetingDays,
    rules.buddyContactWeeks,
    rules.agreementFollowUpMonths,
    rules.stalledAfterDays,
    rules.risk,
    rules.fixedToday,
    () => Date.parse(realNow),
  );
}

describe('the mediation service’s clock (MEDIATION_TODAY)', () => {
  it('reads the agency’s real calendar when no date is fixed', () => {
    // 22:15 UTC on 30 November is 23:15 in Brussels (UTC+1 in winter): still the 30th.
    const rules = rulesAt('2026-11-30T22:15:00Z');
    expect(rules.fixedToday).toBeNull();
    expect(rules.today()).toBe('2026-11-30');
    expect(rules.now().toISOString()).toBe('2026-11-30T22:15:00.000Z');
  });

  it('takes the fixed date as today, at the real time of day', () => {
    const rules = rulesAt('2026-11-30T22:15:00Z', { MEDIATION_TODAY: '2027-03-29' });
    expect(rules.today()).toBe('2027-03-29');
    // 23:15 in Brussels on 29 March 2027 (summer time since the 28th, UTC+2) is 21:15 UTC.
    expect(rules.now().toISOString()).toBe('2027-03-29T21:15:00.000Z');
    expect(rules.today(rules.now())).toBe('2027-03-29');
  });

  it('still gives the day of an instant when asked for one', () => {
    const rules = rulesAt('2026-11-30T22:15:00Z', { MEDIATION_TODAY: '2027-03-29' });
    // 23:30 UTC on 30 November is 00:30 on 1 December in Brussels.
    expect(rules.today(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });

  it('keeps the instant within the fixed day when that day is shorter (the clocks go forward)', () => {
    // 22:30 UTC is 23:30 in Brussels; 28 March 2027 has 23 hours (midnight is 23:00 UTC on the 27th,
    // the next midnight 22:00 UTC on the 28th), so 23 h 30 after its start is past its end: clamped
    // to its last millisecond.
    const rules = rulesAt('2026-11-30T22:30:00Z', { MEDIATION_TODAY: '2027-03-28' });
    expect(rules.now().toISOString()).toBe('2027-03-28T21:59:59.999Z');
    expect(rules.today(rules.now())).toBe('2027-03-28');
  });

  it('refuses a fixed date that is not a date, and any fixed date in production', () => {
    expect(() => loadMediationConfig({ ...env, MEDIATION_TODAY: '2027-02-30' })).toThrow(/MEDIATION_TODAY/);
    const production = mediationConfigSchema.safeParse({ ...env, NODE_ENV: 'production', MEDIATION_TODAY: '2027-03-29' });
    expect(production.success).toBe(false);
    expect(production.error!.issues).toEqual([expect.objectContaining({ path: ['MEDIATION_TODAY'], message: 'must not be set in production' })]);
  });
});
