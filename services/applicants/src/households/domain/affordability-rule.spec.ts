import { AffordabilityRule, affordableRent } from './affordability-rule';

const rule: AffordabilityRule = { rentShare: 0.35, residualPerAdult: 400, residualPerChild: 150 };
const single = { adults: 1, couples: 0, childrenAges: [] };
const family = { adults: 2, couples: 1, childrenAges: [4, 9] };

describe('affordability rule', () => {
  it('caps rent at the configured share of income plus benefits', () => {
    expect(affordableRent(rule, { monthlyIncome: 0, monthlyBenefits: 1100 }, single)).toBe(385);
    expect(affordableRent(rule, { monthlyIncome: 1800, monthlyBenefits: 400 }, family)).toBe(770);
  });

  it('leaves the household enough to live on when the share would not', () => {
    // 35 % of 1,900 is 665, but 2 adults and 2 children must keep 1,100: 800 left → 665 still binds;
    // with 1,500 the residual binds: 1,500 − 1,100 = 400 < 525.
    expect(affordableRent(rule, { monthlyIncome: 1900, monthlyBenefits: 0 }, family)).toBe(665);
    expect(affordableRent(rule, { monthlyIncome: 1200, monthlyBenefits: 300 }, family)).toBe(400);
  });

  it('never goes below zero', () => {
    expect(affordableRent(rule, { monthlyIncome: 0, monthlyBenefits: 300 }, family)).toBe(0);
    expect(affordableRent(rule, { monthlyIncome: 0, monthlyBenefits: 0 }, single)).toBe(0);
  });

  it('rounds down to whole euros without floating-point surprises', () => {
    expect(affordableRent({ ...rule, rentShare: 0.3 }, { monthlyIncome: 1000, monthlyBenefits: 0 }, single)).toBe(300);
    expect(affordableRent(rule, { monthlyIncome: 999.99, monthlyBenefits: 0 }, single)).toBe(349);
  });

  it('follows the configured parameters', () => {
    const income = { monthlyIncome: 2000, monthlyBenefits: 0 };

    expect(affordableRent({ ...rule, rentShare: 0.25 }, income, single)).toBe(500);
    expect(affordableRent({ ...rule, residualPerAdult: 1800 }, income, single)).toBe(200);
  });
});
