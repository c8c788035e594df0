import { deadlineState } from './deadline';
import { easterSunday } from './holidays';
import { addMonths, dateIn, startOfDayIn, WorkingDayCalendar } from './working-days';

// Every expected date below was counted by hand on a calendar of 2026–2028.
describe('the working-day calendar', () => {
  const belgium = new WorkingDayCalendar('BE');
  const weekendsOnly = new WorkingDayCalendar('NONE');

  it('finds Easter Sunday', () => {
    expect([2024, 2025, 2026, 2027].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
  });

  it('skips weekends and Belgian public holidays, Easter Monday included (received on Good Friday 2026)', () => {
    // Fri 3 Apr; Mon 6 Apr is Easter Monday; Tue 7 … Fri 10 are days 1–4, Mon 13 day 5.
    expect(belgium.addWorkingDays('2026-04-03', 5)).toBe('2026-04-13');
    expect(belgium.workingDaysBetween('2026-04-03', '2026-04-13')).toBe(5);
  });

  it('counts across a year end with Christmas and New Year', () => {
    // Thu 24 Dec 2026; Fri 25 holiday; Mon 28 – Thu 31 are days 1–4; Fri 1 Jan holiday; Mon 4 Jan day 5.
    expect(belgium.addWorkingDays('2026-12-24', 5)).toBe('2027-01-04');
  });

  it('gives the stage-1 answer deadline, 10 working days after an acknowledgement on Monday 13 April 2026', () => {
    expect(belgium.addWorkingDays('2026-04-13', 10)).toBe('2026-04-27');
  });

  it('extends by 10 working days over Labour Day (Fri 1 May 2026)', () => {
    // Tue 28, Wed 29, Thu 30 Apr (1–3); Fri 1 May holiday; Mon 4 – Fri 8 (4–8); Mon 11 (9); Tue 12 (10).
    expect(belgium.addWorkingDays('2026-04-27', 10)).toBe('2026-05-12');
  });

  it('gives the stage-2 answer deadline over Ascension and Whit Monday', () => {
    // From Mon 11 May 2026: Thu 14 May (Ascension) and Mon 25 May (Whit Monday) do not count.
    expect(belgium.addWorkingDays('2026-05-11', 20)).toBe('2026-06-10');
  });

  it('crosses a month end in a leap year with weekends only', () => {
    // Fri 25 Feb 2028: Mon 28 (1), Tue 29 (2), Wed 1 Mar (3).
    expect(weekendsOnly.addWorkingDays('2028-02-25', 3)).toBe('2028-03-01');
    expect(weekendsOnly.addWorkingDays('2027-01-29', 5)).toBe('2027-02-05');
  });

  it('takes extra closures from configuration', () => {
    const withClosure = new WorkingDayCalendar('NONE', ['2027-02-01']);
    expect(withClosure.addWorkingDays('2027-01-29', 5)).toBe('2027-02-08');
  });

  it('starts from a weekend day as from the Friday before', () => {
    expect(belgium.addWorkingDays('2026-04-11', 1)).toBe('2026-04-13');
    expect(belgium.addWorkingDays('2026-04-11', 0)).toBe('2026-04-11');
  });

  it('adds months, keeping the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', -6)).toBe('2025-07-15');
  });

  it('knows the agency’s day and when it starts', () => {
    expect(dateIn('Europe/Brussels', new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(startOfDayIn('Europe/Brussels', '2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDayIn('Europe/Brussels', '2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });
});

describe('deadline states', () => {
  const belgium = new WorkingDayCalendar('BE');
  // Acknowledged Mon 13 Apr 2026, answer due Mon 27 Apr (10 working days).
  const answer = { startedOn: '2026-04-13', dueOn: '2026-04-27', doneOn: null };

  it('is on track with 3 of 10 working days left (30 %)', () => {
    expect(deadlineState(answer, '2026-04-22', belgium)).toBe('on_track');
  });

  it('is due soon with 2 of 10 working days left (20 %), and on the due day itself', () => {
    expect(deadlineState(answer, '2026-04-23', belgium)).toBe('due_soon');
    expect(deadlineState(answer, '2026-04-27', belgium)).toBe('due_soon');
  });

  it('is overdue the day after the due day', () => {
    expect(deadlineState(answer, '2026-04-28', belgium)).toBe('overdue');
  });

  it('is met when done on the due day and missed when done after it', () => {
    expect(deadlineState({ ...answer, doneOn: '2026-04-27' }, '2026-05-30', belgium)).toBe('met');
    expect(deadlineState({ ...answer, doneOn: '2026-04-28' }, '2026-05-30', belgium)).toBe('missed');
  });
});
