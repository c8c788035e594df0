import { structuredCommunication } from '../bank-import/domain/structured-communication';
import { PlanStanding } from '../payment-plans/plan-standing';
import { Tenancy } from './domain/tenancy.entity';

/** The references every tenancy event carries. */
export function toTenancyEventRef(t: Tenancy) {
  return { tenancyId: t.id, unitId: t.unitId, householdId: t.householdId, reference: t.reference };
}

/** What staff see of a tenancy. Amounts in integer cents. */
export function toTenancyView(t: Tenancy) {
  return {
    id: t.id,
    version: t.version,
    status: t.status,
    unitId: t.unitId,
    householdId: t.householdId,
    reference: t.reference,
    landlordId: t.landlordId,
    headLeaseId: t.headLeaseId,
    offerId: t.offerId,
    legalLandlord: t.legalLandlord,
    rentCents: t.rentCents,
    serviceChargesCents: t.serviceChargesCents,
    benefitCents: t.benefitCents,
    householdShareCents: t.rentCents + t.serviceChargesCents - t.benefitCents,
    deposit: { kind: t.depositKind, amountCents: t.depositCents },
    startDate: t.startDate,
    endDate: t.endDate,
    /** The household's documents are printed in it; null: the configured default. */
    documentLanguage: t.documentLanguage,
    signedOn: t.signedOn,
    activatedOn: t.activatedOn,
    notice: t.noticeGivenOn ? { givenOn: t.noticeGivenOn, givenBy: t.noticeGivenBy, endsOn: t.endsOn } : null,
    endedOn: t.endedOn,
    endReason: t.endReason,
    balanceCents: t.balanceCents,
    arrears: { ageing: t.arrearsAgeing, stage: t.arrearsStage },
    /** What the household writes on its transfers (Belgian structured communication). */
    paymentReference: t.paymentReferenceBase ? structuredCommunication(t.paymentReferenceBase) : null,
  };
}

export type TenancyView = ReturnType<typeof toTenancyView>;

/** What a landlord may know of a tenancy of their flat: the household's reference and whether the rent is guaranteed — never its payments, balance or support. */
export function toLandlordTenancyView(t: Tenancy, rentGuaranteed: boolean) {
  return {
    id: t.id,
    status: t.status,
    unitId: t.unitId,
    reference: t.reference,
    legalLandlord: t.legalLandlord,
    startDate: t.startDate,
    endDate: t.endDate,
    endsOn: t.endsOn,
    endedOn: t.endedOn,
    rentStatus: rentGuaranteed ? ('guaranteed' as const) : ('not_guaranteed' as const),
  };
}

/**
 * What the household's caseworker sees: the tenancy, its balance and arrears, and its payment
 * plan — to help the household keep its home. Not the ledger's payments, the landlord or the history.
 * Each instalment says where it stands on leases' today (`paid`, `due` or `missed`) and how much of
 * it is covered so far (planStandings).
 */
export function toCaseworkerTenancyView(t: Tenancy, standing: PlanStanding | null) {
  return {
    id: t.id,
    status: t.status,
    unitId: t.unitId,
    householdId: t.householdId,
    reference: t.reference,
    rentCents: t.rentCents,
    serviceChargesCents: t.serviceChargesCents,
    benefitCents: t.benefitCents,
    householdShareCents: t.rentCents + t.serviceChargesCents - t.benefitCents,
    startDate: t.startDate,
    endDate: t.endDate,
    notice: t.noticeGivenOn ? { givenOn: t.noticeGivenOn, givenBy: t.noticeGivenBy, endsOn: t.endsOn } : null,
    endedOn: t.endedOn,
    balanceCents: t.balanceCents,
    arrears: { ageing: t.arrearsAgeing, stage: t.arrearsStage },
    paymentPlan: standing
      ? {
          id: standing.plan.id,
          status: standing.plan.status,
          totalCents: standing.plan.totalCents,
          agreedOn: standing.plan.agreedOn,
          instalments: standing.instalments,
          brokenOn: standing.plan.brokenOn,
        }
      : null,
    paymentReference: t.paymentReferenceBase ? structuredCommunication(t.paymentReferenceBase) : null,
  };
}
