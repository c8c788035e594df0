import { ClaimMonth, GuaranteeClaim } from './domain/claim.entity';

/** What staff see of a claim: everything, its evidence and months included. Amounts in integer cents. */
export function toClaimView(c: GuaranteeClaim, months: ClaimMonth[]) {
  return {
    id: c.id,
    tenancyId: c.tenancyId,
    headLeaseId: c.headLeaseId,
    landlordId: c.landlordId,
    unitId: c.unitId,
    kind: c.kind,
    status: c.status,
    amountCents: c.amountCents,
    openedOn: c.openedOn,
    fileBy: c.fileBy,
    filedLate: c.filedLate,
    months: months.map((m) => ({ month: m.month, dueOn: m.dueOn, amountCents: m.amountCents, addedOn: m.addedOn, late: m.late })),
    evidence: c.evidence,
    submittedOn: c.submittedOn,
    decision: c.decision ? { decision: c.decision, approvedCents: c.approvedCents, reasons: c.decisionReasons ?? [], decidedOn: c.decidedOn } : null,
    paidOn: c.paidOn,
    /** Who received the approved amount (decision 0026): the owner, and the agency for days the guaranteed rent already paid the owner. */
    paidTo: c.paidOn ? { ownerCents: c.ownerCents, agencyCents: c.agencyCents } : null,
    recovery: c.recovery,
  };
}

/**
 * What the owner sees of their claim: what is claimed for which months, the decision and the
 * payment — never the household's ledger, notices or its repayment plan.
 */
export function toLandlordClaimView(c: GuaranteeClaim, months: ClaimMonth[]) {
  const { evidence, recovery, ...view } = toClaimView(c, months);
  return {
    ...view,
    evidence: { damage: evidence.damage ?? null, vacancy: evidence.vacancy ?? null },
    recovery: recovery ? { agreed: true } : null,
  };
}
