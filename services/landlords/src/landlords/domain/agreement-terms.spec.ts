import { ValidationError } from '@hearth/platform';
import { anAgreement } from '@hearth/testing';
import { AgreementTerms, assertValidAgreementTerms, monthsBetween } from './agreement-terms';

/** A seven-year head lease (84 months) with a renovation loan repaid well within it. */
function someTerms(overrides: Partial<AgreementTerms> = {}): AgreementTerms {
  return { ...(anAgreement() as unknown as AgreementTerms), ...overrides };
}

function validationErrorOf(terms: AgreementTerms): ValidationError {
  try {
    assertValidAgreementTerms(terms);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the terms to be rejected');
}

const HEAD_LEASE_DURATION = { field: 'endDate', message: 'a head lease runs 3 to 9 years' };
const END_NOT_AFTER_START = { field: 'endDate', message: 'must be after startDate' };

describe('assertValidAgreementTerms', () => {
  it('accepts a seven-year head lease with a loan repaid within it', () => {
    expect(() => assertValidAgreementTerms(someTerms())).not.toThrow();
  });

  it('accepts terms without a renovation loan', () => {
    expect(() => assertValidAgreementTerms(someTerms({ renovationLoan: null }))).not.toThrow();
  });

  describe('head lease duration (3 to 9 years)', () => {
    it.each([
      ['exactly three years', '2027-01-01', '2030-01-01'],
      ['three years ending on the eve of the anniversary', '2027-01-01', '2029-12-31'],
      ['exactly nine years', '2027-01-01', '2036-01-01'],
      ['nine years ending on the eve of the anniversary', '2027-01-01', '2035-12-31'],
    ])('accepts a head lease of %s (%s → %s)', (_label, startDate, endDate) => {
      const terms = someTerms({ startDate, endDate, renovationLoan: null });

      expect(() => assertValidAgreementTerms(terms)).not.toThrow();
    });

    it.each([
      ['one year', '2027-01-01', '2028-01-01'],
      ['a whole month short of three years', '2027-01-01', '2029-12-01'],
      ['nine years and one day', '2027-01-01', '2036-01-02'],
      ['ten years', '2027-01-01', '2037-01-01'],
    ])('rejects a head lease of %s (%s → %s) on endDate', (_label, startDate, endDate) => {
      const error = validationErrorOf(someTerms({ startDate, endDate, renovationLoan: null }));

      expect(error.fields).toEqual([HEAD_LEASE_DURATION]);
    });

    it.each([
      ['management_mandate', '2027-01-01', '2028-01-01'],
      ['direct_let', '2027-01-01', '2028-01-01'],
      ['management_mandate', '2027-01-01', '2039-01-01'],
    ] as const)('does not apply the head-lease duration to a %s (%s → %s)', (scheme, startDate, endDate) => {
      const terms = someTerms({ scheme, startDate, endDate, renovationLoan: null });

      expect(() => assertValidAgreementTerms(terms)).not.toThrow();
    });
  });

  describe('start and end dates', () => {
    it.each([
      ['before', '2027-01-01', '2026-12-31'],
      ['on', '2027-01-01', '2027-01-01'],
    ])('rejects an end date %s the start date, and only that, for a head lease', (_label, startDate, endDate) => {
      const error = validationErrorOf(someTerms({ startDate, endDate, renovationLoan: null }));

      expect(error.fields).toEqual([END_NOT_AFTER_START]);
    });

    it('rejects an end date before the start date for a management mandate', () => {
      const error = validationErrorOf(someTerms({ scheme: 'management_mandate', startDate: '2028-06-01', endDate: '2027-06-01' }));

      expect(error.fields).toEqual([END_NOT_AFTER_START]);
    });

    it('does not also blame the loan amount when the dates leave no term to repay it in', () => {
      const error = validationErrorOf(someTerms({ startDate: '2027-01-01', endDate: '2027-01-01', renovationLoan: { amount: 12000, monthlyRepayment: 150 } }));

      expect(error.fields.map((problem) => problem.field)).toEqual(['endDate']);
    });
  });

  describe('renovation loan', () => {
    it('rejects a monthly repayment above the guaranteed rent it is deducted from', () => {
      const terms = someTerms({ guaranteedMonthlyRent: 780, renovationLoan: { amount: 12000, monthlyRepayment: 780.01 } });

      const error = validationErrorOf(terms);

      expect(error.fields).toEqual([
        { field: 'renovationLoan.monthlyRepayment', message: 'cannot exceed the guaranteed monthly rent it is deducted from' },
      ]);
    });

    it('accepts a monthly repayment equal to the guaranteed rent', () => {
      const terms = someTerms({ guaranteedMonthlyRent: 780, renovationLoan: { amount: 12000, monthlyRepayment: 780 } });

      expect(() => assertValidAgreementTerms(terms)).not.toThrow();
    });

    it('rejects a loan that the monthly repayments cannot clear within the term', () => {
      // 84 months × 100 = 8,400 < 12,000
      const terms = someTerms({ renovationLoan: { amount: 12000, monthlyRepayment: 100 } });

      const error = validationErrorOf(terms);

      expect(error.fields).toEqual([
        { field: 'renovationLoan.amount', message: 'cannot be repaid within the agreement at this monthly repayment' },
      ]);
    });

    it('accepts a loan repaid by exactly the last month of the term', () => {
      // 84 months × 150 = 12,600
      const terms = someTerms({ renovationLoan: { amount: 12600, monthlyRepayment: 150 } });

      expect(() => assertValidAgreementTerms(terms)).not.toThrow();
    });

    it('rejects a loan one euro more than the term can repay', () => {
      const terms = someTerms({ renovationLoan: { amount: 12601, monthlyRepayment: 150 } });

      expect(validationErrorOf(terms).fields.map((problem) => problem.field)).toEqual(['renovationLoan.amount']);
    });
  });

  it('accepts a one-year management mandate', () => {
    const terms = someTerms({ scheme: 'management_mandate', startDate: '2027-03-01', endDate: '2028-03-01', renovationLoan: { amount: 1200, monthlyRepayment: 100 } });

    expect(() => assertValidAgreementTerms(terms)).not.toThrow();
  });

  it('reports every broken rule at once, each with its field', () => {
    const terms = someTerms({
      scheme: 'head_lease',
      startDate: '2027-01-01',
      endDate: '2029-01-01', // two years
      guaranteedMonthlyRent: 780,
      renovationLoan: { amount: 100000, monthlyRepayment: 900 },
    });

    const error = validationErrorOf(terms);

    expect(error.fields).toEqual([
      HEAD_LEASE_DURATION,
      { field: 'renovationLoan.monthlyRepayment', message: 'cannot exceed the guaranteed monthly rent it is deducted from' },
      { field: 'renovationLoan.amount', message: 'cannot be repaid within the agreement at this monthly repayment' },
    ]);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, extras: { errors: error.fields } });
    expect(error.message).toContain('endDate: a head lease runs 3 to 9 years');
    expect(error.message).toContain('renovationLoan.amount');
  });
});

describe('monthsBetween', () => {
  it.each([
    ['the same day', '2027-05-10', '2027-05-10', 0],
    ['an end before the start', '2027-05-10', '2027-05-09', 0],
    ['a single day', '2027-05-10', '2027-05-11', 1],
    ['a day short of a month', '2027-01-15', '2027-02-14', 1],
    ['exactly one month', '2027-01-15', '2027-02-15', 1],
    ['a month and a day', '2027-01-15', '2027-02-16', 2],
    ['three months across new year', '2027-11-20', '2028-02-20', 3],
    ['three whole years', '2027-01-01', '2030-01-01', 36],
    ['three years less a day', '2027-01-01', '2029-12-31', 36],
    ['January 31 to the end of February', '2027-01-31', '2027-02-28', 1],
    ['January 31 to March 1', '2027-01-31', '2027-03-01', 2],
  ])('counts %s (%s → %s) as %i', (_label, start, end, expected) => {
    expect(monthsBetween(start, end)).toBe(expected);
  });

  describe('leap years', () => {
    it.each([
      ['February of a leap year is one whole month', '2028-02-01', '2028-03-01', 1],
      ['February 29 to February 28 next year is one year', '2028-02-29', '2029-02-28', 12],
      ['February 29 to March 1 next year starts a thirteenth month', '2028-02-29', '2029-03-01', 13],
      ['February 28 to February 29 of the next (leap) year starts a thirteenth month', '2027-02-28', '2028-02-29', 13],
      ['January 30 to February 29 is one month', '2028-01-30', '2028-02-29', 1],
      ['four years from one leap day to the next', '2028-02-29', '2032-02-29', 48],
    ])('%s (%s → %s = %i)', (_label, start, end, expected) => {
      expect(monthsBetween(start, end)).toBe(expected);
    });
  });
});
