import { monthOf, Month, nextMonth } from '../../ledger/domain/calendar';

/**
 * The renovation loan of an agreement, in integer cents: lent once to the owner, repaid by a
 * monthly instalment deducted from what the agency owes them (never more than is left) and, if
 * the owner wishes, early. What is left is always principal − deductions − early repayments.
 */

export interface LoanDeduction {
  month: Month;
  amountCents: number;
}

export interface LoanEarlyRepayment {
  repaidOn: string;
  amountCents: number;
}

export interface LoanScheduleLine {
  month: Month;
  /** Instalment deducted from the owner's month (projected: the one that will be). */
  deductedCents: number;
  /** Repaid early by the owner during the month. */
  repaidEarlyCents: number;
  /** What is left of the loan at the end of the month. */
  balanceCents: number;
  /** A month still to come (its instalment is what the schedule expects, not yet deducted). */
  projected: boolean;
}

export interface LoanSchedule {
  deductedCents: number;
  repaidEarlyCents: number;
  outstandingCents: number;
  lines: LoanScheduleLine[];
  /** The month the last instalment is expected (or was deducted); null while more would be left at the contract's end. */
  repaidInMonth: Month | null;
  /** What would still be owed when the contract ends if only the instalments repay it. */
  outstandingAtEndCents: number;
}

export function loanOutstandingCents(principalCents: number, deductions: readonly LoanDeduction[], early: readonly LoanEarlyRepayment[]): number {
  return principalCents - sum(deductions) - sum(early);
}

/**
 * The loan's schedule: every month an instalment was deducted or something repaid early, then the
 * months to come from `projectFrom` to the contract's last month, each deducting the instalment
 * (or what is left) until nothing is left.
 */
export function loanSchedule(input: {
  principalCents: number;
  monthlyCents: number;
  deductions: readonly LoanDeduction[];
  earlyRepayments: readonly LoanEarlyRepayment[];
  projectFrom: Month;
  lastMonth: Month;
}): LoanSchedule {
  const byMonth = new Map<Month, { deductedCents: number; repaidEarlyCents: number }>();
  const at = (month: Month) => byMonth.get(month) ?? byMonth.set(month, { deductedCents: 0, repaidEarlyCents: 0 }).get(month)!;
  for (const d of input.deductions) at(d.month).deductedCents += d.amountCents;
  for (const e of input.earlyRepayments) at(monthOf(e.repaidOn)).repaidEarlyCents += e.amountCents;

  let balance = input.principalCents;
  let repaidInMonth: Month | null = null;
  const lines: LoanScheduleLine[] = [];
  for (const month of [...byMonth.keys()].sort()) {
    const { deductedCents, repaidEarlyCents } = byMonth.get(month)!;
    balance -= deductedCents + repaidEarlyCents;
    lines.push({ month, deductedCents, repaidEarlyCents, balanceCents: balance, projected: false });
    if (balance === 0 && repaidInMonth === null) repaidInMonth = month;
  }
  const outstandingCents = balance;
  const lastRecorded = lines.at(-1)?.month;
  let month = lastRecorded && lastRecorded >= input.projectFrom ? nextMonth(lastRecorded) : input.projectFrom;
  for (; balance > 0 && input.monthlyCents > 0 && month <= input.lastMonth; month = nextMonth(month)) {
    const deductedCents = Math.min(input.monthlyCents, balance);
    balance -= deductedCents;
    lines.push({ month, deductedCents, repaidEarlyCents: 0, balanceCents: balance, projected: true });
    if (balance === 0) repaidInMonth = month;
  }
  return {
    deductedCents: sum(input.deductions),
    repaidEarlyCents: sum(input.earlyRepayments),
    outstandingCents,
    lines,
    repaidInMonth: balance === 0 ? repaidInMonth : null,
    outstandingAtEndCents: balance,
  };
}

function sum(items: readonly { amountCents: number }[]): number {
  return items.reduce((total, item) => total + item.amountCents, 0);
}
