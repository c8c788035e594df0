import { reminderDue } from './renewal-dates';

describe('renewal reminders', () => {
  const thresholds = [90, 60, 30];

  it('raises the nearest threshold reached, worked on the calendar', () => {
    // Ends 31 March 2027: 30 days before is 1 March, 60 is 30 January, 90 is 31 December 2026.
    expect(reminderDue('2027-03-31', '2026-12-30', thresholds)).toBeNull();
    expect(reminderDue('2027-03-31', '2026-12-31', thresholds)).toBe(90);
    expect(reminderDue('2027-03-31', '2027-01-29', thresholds)).toBe(90);
    expect(reminderDue('2027-03-31', '2027-01-30', thresholds)).toBe(60);
    expect(reminderDue('2027-03-31', '2027-03-01', thresholds)).toBe(30);
    expect(reminderDue('2027-03-31', '2027-03-31', thresholds)).toBe(30);
    expect(reminderDue('2027-03-31', '2027-04-01', thresholds)).toBeNull();
    // Leap year: 30 days before 30 March 2028 is 29 February.
    expect(reminderDue('2028-03-30', '2028-02-28', thresholds)).toBe(60);
    expect(reminderDue('2028-03-30', '2028-02-29', thresholds)).toBe(30);
  });
});
