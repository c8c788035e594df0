import { EntityManager } from 'typeorm';
import { HeadLease, LoanEarlyRepaymentRecord } from './domain/head-lease.entity';
import { LoanDeduction, LoanEarlyRepayment, loanOutstandingCents } from './domain/renovation-loan';

export interface LoanRecords {
  deductions: LoanDeduction[];
  earlyRepayments: LoanEarlyRepayment[];
  outstandingCents: number;
}

/** What was deducted month by month and repaid early on a head lease's loan, and what is left. */
export async function readLoanRecords(manager: EntityManager, headLease: HeadLease): Promise<LoanRecords> {
  // Most head leases carry no loan: nothing to read (the monthly run records thousands of owner months).
  if (headLease.loanPrincipalCents === 0) return { deductions: [], earlyRepayments: [], outstandingCents: 0 };
  const deductions: LoanDeduction[] = await manager.query(
    'SELECT month, loan_repayment_cents AS "amountCents" FROM owner_months WHERE head_lease_id = $1 AND loan_repayment_cents > 0 ORDER BY month',
    [headLease.id],
  );
  const early = await manager.find(LoanEarlyRepaymentRecord, { where: { headLeaseId: headLease.id }, order: { repaidOn: 'ASC', createdAt: 'ASC' } });
  const earlyRepayments = early.map((e) => ({ repaidOn: e.repaidOn, amountCents: e.amountCents }));
  return { deductions, earlyRepayments, outstandingCents: loanOutstandingCents(headLease.loanPrincipalCents, deductions, earlyRepayments) };
}
