import { HeadLease } from './domain/head-lease.entity';

/** A head lease as staff and its landlord see it (amounts in integer cents). */
export function toHeadLeaseView(h: HeadLease) {
  return {
    id: h.id,
    version: h.version,
    status: h.status,
    unitId: h.unitId,
    landlordId: h.landlordId,
    agreementId: h.agreementId,
    scheme: h.scheme,
    legalLandlord: h.scheme === 'head_lease' ? 'agency' : 'owner',
    guaranteedRentCents: h.guaranteedRentCents,
    managementFeeCents: h.managementFeeCents,
    coverage: h.coverage,
    renovationLoan: h.loanPrincipalCents > 0 ? { principalCents: h.loanPrincipalCents, monthlyRepaymentCents: h.loanMonthlyCents } : null,
    startDate: h.startDate,
    endDate: h.endDate,
  };
}
