import { ValidationError } from '@hearth/platform';

export type AgreementScheme = 'head_lease' | 'management_mandate' | 'direct_let';

export interface Coverage {
  rentArrears: boolean;
  vacancy: boolean;
  /** Tenant damage repaired at exit up to this amount; 0 means damage is not covered. */
  damageCap: number;
  legalCosts: boolean;
}

export interface RenovationLoan {
  amount: number;
  /** Deducted from the guaranteed rent each month until repaid; loans are interest-free. */
  monthlyRepayment: number;
}

export interface AgreementTerms {
  scheme: AgreementScheme;
  startDate: string;
  endDate: string;
  guaranteedMonthlyRent: number;
  coverage: Coverage;
  renovationLoan: RenovationLoan | null;
  propertyTaxReductionFiling: boolean;
}

const HEAD_LEASE_MIN_YEARS = 3;
const HEAD_LEASE_MAX_YEARS = 9;

/** Business rules on agreement terms that a schema cannot express; every breach is reported. */
export function assertValidAgreementTerms(terms: AgreementTerms): void {
  const problems: { field: string; message: string }[] = [];
  const months = monthsBetween(terms.startDate, terms.endDate);
  if (months <= 0) problems.push({ field: 'endDate', message: 'must be after startDate' });
  if (terms.scheme === 'head_lease' && months > 0) {
    if (months < HEAD_LEASE_MIN_YEARS * 12 || months > HEAD_LEASE_MAX_YEARS * 12) {
      problems.push({ field: 'endDate', message: `a head lease runs ${HEAD_LEASE_MIN_YEARS} to ${HEAD_LEASE_MAX_YEARS} years` });
    }
  }
  const loan = terms.renovationLoan;
  if (loan) {
    if (loan.monthlyRepayment > terms.guaranteedMonthlyRent) {
      problems.push({ field: 'renovationLoan.monthlyRepayment', message: 'cannot exceed the guaranteed monthly rent it is deducted from' });
    }
    if (months > 0 && loan.monthlyRepayment * months < loan.amount) {
      problems.push({ field: 'renovationLoan.amount', message: 'cannot be repaid within the agreement at this monthly repayment' });
    }
  }
  if (problems.length) throw new ValidationError(problems);
}

/** Whole calendar months from start to end (a partial last month counts). */
export function monthsBetween(startDate: string, endDate: string): number {
  const start = new Date(`${startDate}T00:00:00Z`);
  const end = new Date(`${endDate}T00:00:00Z`);
  if (end <= start) return 0;
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + (end.getUTCMonth() - start.getUTCMonth());
  return end.getUTCDate() > start.getUTCDate() ? months + 1 : months;
}
