import { DEFAULT_REPAIR_DEADLINES, distinctDeadlines, mostSevere, repairDeadline, RepairDeadlinePolicy, severityRank } from './repair-deadlines';

const FOUND = new Date('2027-03-01T10:00:00.000Z');

describe('repair deadlines', () => {
  it.each([
    ['life_threatening', '2027-03-02T10:00:00.000Z'],
    ['severe', '2027-03-31T10:00:00.000Z'],
    ['moderate', '2027-04-30T10:00:00.000Z'],
    ['low', '2027-05-30T10:00:00.000Z'],
  ] as const)('gives a %s deficiency until %s by default (24 h, 30, 60, 90 days)', (severity, deadline) => {
    expect(repairDeadline(severity, FOUND, DEFAULT_REPAIR_DEADLINES).toISOString()).toBe(deadline);
  });

  it('follows a configured policy to the millisecond', () => {
    const policy: RepairDeadlinePolicy = { life_threatening: 1_500, severe: 2_500, moderate: 60_000, low: 90_000 };

    expect(repairDeadline('life_threatening', FOUND, policy).getTime() - FOUND.getTime()).toBe(1_500);
    expect(repairDeadline('severe', FOUND, policy).getTime() - FOUND.getTime()).toBe(2_500);
  });

  it('gives one deadline per distinct severity, most severe first', () => {
    const deadlines = distinctDeadlines(['low', 'severe', 'severe', 'life_threatening'], FOUND, DEFAULT_REPAIR_DEADLINES);

    expect(deadlines.map((d) => [d.severity, d.deadlineAt.toISOString()])).toEqual([
      ['life_threatening', '2027-03-02T10:00:00.000Z'],
      ['severe', '2027-03-31T10:00:00.000Z'],
      ['low', '2027-05-30T10:00:00.000Z'],
    ]);
  });

  it('gives no deadline when nothing failed', () => {
    expect(distinctDeadlines([], FOUND, DEFAULT_REPAIR_DEADLINES)).toEqual([]);
  });

  it('ranks severities and finds the most severe', () => {
    expect(severityRank('life_threatening')).toBeLessThan(severityRank('severe'));
    expect(severityRank('moderate')).toBeLessThan(severityRank('low'));
    expect(mostSevere(['low', 'moderate', 'severe'])).toBe('severe');
    expect(mostSevere([])).toBeNull();
  });
});
