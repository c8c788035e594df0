/** Request bodies for the landlords API, valid unless a test changes them. */
export function aLandlordRegistration(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'individual',
    name: 'Ann Peeters',
    contact: { email: 'ann.peeters@example.org', phone: '+32 470 12 34 56' },
    preferredLanguage: 'nl',
    bankAccount: 'BE68 5390 0754 7034',
    ...overrides,
  };
}

export function anAgreement(overrides: Record<string, unknown> = {}) {
  return {
    scheme: 'head_lease',
    startDate: '2027-01-01',
    endDate: '2033-12-31',
    guaranteedMonthlyRent: 780,
    coverage: { rentArrears: true, vacancy: true, damageCap: 2500, legalCosts: true },
    renovationLoan: { amount: 12000, monthlyRepayment: 150 },
    propertyTaxReductionFiling: true,
    ...overrides,
  };
}
