import { ValidationError } from '@hearth/platform';
import { statementPeriod } from './rent-statement-pdf.query';

describe('the rent statement’s period', () => {
  it('is the twelve months to today’s by default, across a year end', () => {
    expect(statementPeriod({}, '2026-11-20')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(statementPeriod({}, '2027-01-31')).toEqual({ from: '2026-02', to: '2027-01' });
  });

  it('counts the twelve months back from the `to` asked, and ends today’s month when only `from` is asked', () => {
    expect(statementPeriod({ to: '2024-02' }, '2026-11-20')).toEqual({ from: '2023-03', to: '2024-02' });
    expect(statementPeriod({ from: '2026-10' }, '2026-11-20')).toEqual({ from: '2026-10', to: '2026-11' });
    expect(statementPeriod({ from: '2026-11', to: '2026-11' }, '2026-11-20')).toEqual({ from: '2026-11', to: '2026-11' });
  });

  it('refuses a period backwards or longer than 120 months, naming `from`', () => {
    const fieldOf = (query: { from?: string; to?: string }) => {
      try {
        statementPeriod(query, '2026-11-20');
      } catch (error) {
        return (error as ValidationError).fields.map((f) => f.field);
      }
      return [];
    };
    expect(fieldOf({ from: '2026-11', to: '2026-10' })).toEqual(['from']);
    expect(fieldOf({ from: '2026-12' })).toEqual(['from']);
    // 2016-12 to 2026-11 is 120 months; one more is too many.
    expect(fieldOf({ from: '2016-12', to: '2026-11' })).toEqual([]);
    expect(fieldOf({ from: '2016-11', to: '2026-11' })).toEqual(['from']);
  });
});
