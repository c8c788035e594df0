import { daysBetween, daysInMonth, firstDayOf, lastDayOf, maxDate, minDate, Month } from './calendar';

/**
 * The tenant side's arithmetic, in integer cents. A charge is booked per tenancy and month (rent
 * and service charges, prorated by day in a first or last partial month); payments reduce the
 * balance; payments settle the oldest charges first, which dates the arrears.
 */

export interface TenancyTerms {
  rentCents: number;
  serviceChargesCents: number;
  /** Paid directly to the agency by a benefit agency each month (booked as a payment). */
  benefitCents: number;
  startDate: string;
  /** Last day the household owes rent for (its end date, or the day notice ends it); null: open-ended. */
  lastDay: string | null;
}

export interface MonthCharge {
  month: Month;
  dueOn: string;
  amountCents: number;
  benefitCents: number;
}

/** Rounds a non-negative fraction numerator/denominator of whole numbers to the nearest whole number, halves up. */
export function roundDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0 || numerator < 0) {
    throw new RangeError(`roundDiv needs non-negative safe integers, got ${numerator}/${denominator}`);
  }
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

export function monthlyAmountCents(terms: Pick<TenancyTerms, 'rentCents' | 'serviceChargesCents'>): number {
  return terms.rentCents + terms.serviceChargesCents;
}

/** The charge for one month, or null when the tenancy does not cover any day of it. */
export function chargeFor(terms: TenancyTerms, month: Month): MonthCharge | null {
  const first = maxDate(firstDayOf(month), terms.startDate);
  const last = terms.lastDay ? minDate(lastDayOf(month), terms.lastDay) : lastDayOf(month);
  if (last < first) return null;
  const days = daysBetween(first, last) + 1;
  const inMonth = daysInMonth(month);
  const prorate = (cents: number) => (days === inMonth ? cents : roundDiv(cents * days, inMonth));
  return { month, dueOn: first, amountCents: prorate(monthlyAmountCents(terms)), benefitCents: prorate(terms.benefitCents) };
}

export type ArrearsAgeing = 'none' | '0_30' | '31_60' | '61_90' | '90_plus';
export type ArrearsStage = 'reminder' | 'notice' | 'established' | 'claim';

export interface LedgerCharge {
  dueOn: string;
  amountCents: number;
}

export interface ArrearsPolicy {
  /** Established when this many months are wholly unpaid… */
  establishedMonths: number;
  /** …or the arrears exceed this many months of rent and charges. */
  partialMonths: number;
}

export interface ArrearsState {
  /** Charges − payments, everything booked: positive means the household owes. */
  balanceCents: number;
  /** What is owed on charges already past their due date (never negative). */
  arrearsCents: number;
  /** Due date of the oldest charge not wholly paid and past due; null when nothing is overdue. */
  oldestUnpaidDueOn: string | null;
  daysOverdue: number;
  ageing: ArrearsAgeing;
  /** Overdue charges of which nothing was paid. */
  whollyUnpaidMonths: number;
  /** The arrears as months of rent and charges, two decimals. */
  monthsUnpaid: number;
  /** The highest automatic step of the ladder the arrears justify (notice and claim are later steps). */
  stage: Extract<ArrearsStage, 'reminder' | 'established'> | null;
  atRisk: boolean;
}

export function ageingOf(daysOverdue: number): ArrearsAgeing {
  if (daysOverdue <= 0) return 'none';
  if (daysOverdue <= 30) return '0_30';
  if (daysOverdue <= 60) return '31_60';
  if (daysOverdue <= 90) return '61_90';
  return '90_plus';
}

/**
 * Settles payments against charges oldest first and reads the arrears on `today`. A charge is
 * overdue the day after its due date.
 */
export function arrearsOn(charges: readonly LedgerCharge[], paymentsCents: number, today: string, monthlyCents: number, policy: ArrearsPolicy): ArrearsState {
  const sorted = [...charges].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const chargedCents = sorted.reduce((sum, c) => sum + c.amountCents, 0);
  let unallocated = paymentsCents;
  let arrearsCents = 0;
  let oldestUnpaidDueOn: string | null = null;
  let whollyUnpaidMonths = 0;
  for (const charge of sorted) {
    const paid = Math.min(charge.amountCents, Math.max(0, unallocated));
    unallocated -= paid;
    const open = charge.amountCents - paid;
    if (open > 0 && charge.dueOn < today) {
      arrearsCents += open;
      oldestUnpaidDueOn ??= charge.dueOn;
      if (paid === 0) whollyUnpaidMonths += 1;
    }
  }
  const daysOverdue = oldestUnpaidDueOn ? daysBetween(oldestUnpaidDueOn, today) : 0;
  const established =
    arrearsCents > 0 && (whollyUnpaidMonths >= policy.establishedMonths || (monthlyCents > 0 && arrearsCents > policy.partialMonths * monthlyCents));
  return {
    balanceCents: chargedCents - paymentsCents,
    arrearsCents,
    oldestUnpaidDueOn,
    daysOverdue,
    ageing: arrearsCents > 0 ? ageingOf(daysOverdue) : 'none',
    whollyUnpaidMonths,
    monthsUnpaid: monthlyCents > 0 ? Math.floor((arrearsCents * 100) / monthlyCents) / 100 : 0,
    stage: established ? 'established' : arrearsCents > 0 ? 'reminder' : null,
    atRisk: arrearsCents > 0 && (daysOverdue > 30 || arrearsCents >= monthlyCents),
  };
}

/**
 * What arrearsOn needs of a ledger that sums to `balanceCents`, from its newest charges only:
 * payments settle the oldest charges first, so the charges still open are the newest ones the
 * balance covers; the older ones are left out with the payments they took (the result is the
 * same). Null when the charges given (newest first) do not cover the balance: read them all.
 */
export function openChargesCovering(newestFirst: readonly LedgerCharge[], balanceCents: number): { charges: LedgerCharge[]; paymentsCents: number } | null {
  if (balanceCents <= 0) return { charges: [], paymentsCents: 0 - balanceCents };
  const charges: LedgerCharge[] = [];
  let covered = 0;
  for (const charge of newestFirst) {
    if (covered >= balanceCents) break;
    charges.push(charge);
    covered += charge.amountCents;
  }
  return covered >= balanceCents ? { charges, paymentsCents: covered - balanceCents } : null;
}

/** The ladder in the order it is climbed: the formal notice follows establishment, the claim follows the notice (the claim engine's steps). */
const STAGE_ORDER: readonly ArrearsStage[] = ['reminder', 'established', 'notice', 'claim'];

/** The automatic stages to announce when moving from `current` to `reached` (each once, in order). */
export function stagesToAnnounce(current: ArrearsStage | null, reached: ArrearsStage | null): ArrearsStage[] {
  if (!reached) return [];
  const from = current ? STAGE_ORDER.indexOf(current) : -1;
  return STAGE_ORDER.slice(from + 1, STAGE_ORDER.indexOf(reached) + 1).filter((s) => s === 'reminder' || s === 'established');
}

/** What the agency owes the owner for a month, in cents: guaranteed rent − loan instalment − fee. */
export interface OwnerMonth {
  guaranteedRentCents: number;
  loanRepaymentCents: number;
  managementFeeCents: number;
  dueCents: number;
}

/**
 * The owner's month: the guaranteed rent and the fee prorated by day when the head lease starts or
 * ends within the month, less the loan instalment (never more than what is left of the loan, nor
 * more than the month's rent after the fee, so nothing due is ever negative).
 */
export function ownerMonth(input: {
  month: Month;
  startDate: string;
  endDate: string;
  guaranteedRentCents: number;
  managementFeeCents: number;
  loanMonthlyCents: number;
  loanOutstandingCents: number;
}): OwnerMonth | null {
  const first = maxDate(firstDayOf(input.month), input.startDate);
  const last = minDate(lastDayOf(input.month), input.endDate);
  if (last < first) return null;
  const days = daysBetween(first, last) + 1;
  const inMonth = daysInMonth(input.month);
  const prorate = (cents: number) => (days === inMonth ? cents : roundDiv(cents * days, inMonth));
  const guaranteedRentCents = prorate(input.guaranteedRentCents);
  const managementFeeCents = prorate(input.managementFeeCents);
  const loanRepaymentCents = Math.max(0, Math.min(input.loanMonthlyCents, input.loanOutstandingCents, guaranteedRentCents - managementFeeCents));
  return { guaranteedRentCents, loanRepaymentCents, managementFeeCents, dueCents: guaranteedRentCents - loanRepaymentCents - managementFeeCents };
}

/** The management fee on a guaranteed rent, in basis points, rounded half up to the cent. */
export function managementFeeCents(guaranteedRentCents: number, basisPoints: number): number {
  return roundDiv(guaranteedRentCents * basisPoints, 10_000);
}
