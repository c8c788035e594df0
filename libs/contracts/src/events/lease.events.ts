import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { householdReferenceSchema } from './applicant.events';
import { agreementSchemeSchema } from './landlord.events';

/*
 * Leases events carry ids, references, dates and amounts — never a household's personal data,
 * payment details or notes. Amounts are integer cents (`…Cents`), never floats.
 *
 * Aggregates: HeadLease (the owner-side contract of one flat, aggregateId = headLeaseId) and
 * Tenancy (aggregateId = tenancyId; rent, payments, arrears and claims of one tenancy share its key,
 * so they stay in order). Owner payments belong to the HeadLease.
 */

const cents = z.number().int();
const nonNegativeCents = cents.nonnegative();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

const tenancyRef = {
  tenancyId: z.uuid(),
  unitId: z.uuid(),
  householdId: z.uuid(),
  reference: householdReferenceSchema,
};

const headLeaseRef = {
  headLeaseId: z.uuid(),
  unitId: z.uuid(),
  landlordId: z.uuid(),
};

export const tenancyStatusSchema = z.enum(['draft', 'signed', 'active', 'ending', 'ended']);

/** Why a tenancy ended. `moved_to_permanent_housing` and `moved_to_other_sra_flat` are planned moves. */
export const tenancyEndReasonSchema = z.enum([
  'moved_to_permanent_housing',
  'moved_to_other_sra_flat',
  'moved_to_care_or_institution',
  'left_without_notice',
  'evicted_for_arrears',
  'evicted_for_behaviour',
  'deceased',
  'terminated_by_household',
  'terminated_by_agency',
  'terminated_by_landlord',
  'contract_not_renewed',
  'other',
]);

/** Arrears ageing: how many days the oldest unpaid charge is overdue (`none`: nothing overdue). */
export const arrearsAgeingSchema = z.enum(['none', '0_30', '31_60', '61_90', '90_plus']);

export const arrearsStageSchema = z.enum(['reminder', 'notice', 'established', 'claim']);
export const claimKindSchema = z.enum(['arrears', 'damage', 'legal_costs', 'vacancy']);
export const claimDecisionSchema = z.enum(['approved', 'partly_approved', 'rejected']);

export const HeadLeaseRecorded = defineEvent({
  type: 'HeadLeaseRecorded',
  source: 'leases',
  aggregateType: 'HeadLease',
  payload: z.object({
    ...headLeaseRef,
    agreementId: z.uuid(),
    scheme: agreementSchemeSchema,
    guaranteedRentCents: nonNegativeCents,
    startDate: z.iso.date(),
    endDate: z.iso.date(),
  }),
});

export const TenancyDrafted = defineEvent({
  type: 'TenancyDrafted',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, offerId: z.uuid().nullable(), rentCents: nonNegativeCents, serviceChargesCents: nonNegativeCents, startDate: z.iso.date() }),
});

export const TenancySigned = defineEvent({
  type: 'TenancySigned',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, startDate: z.iso.date(), endDate: z.iso.date().nullable() }),
});

/** The tenancy has started (it became active on its start date): the flat is let and the household housed. */
export const TenancyStarted = defineEvent({
  type: 'TenancyStarted',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, landlordId: z.uuid(), startDate: z.iso.date(), rentCents: nonNegativeCents, serviceChargesCents: nonNegativeCents }),
});

export const RentCharged = defineEvent({
  type: 'RentCharged',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, month, amountCents: nonNegativeCents, dueDate: z.iso.date(), balanceCents: cents }),
});

export const PaymentRecorded = defineEvent({
  type: 'PaymentRecorded',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({
    ...tenancyRef,
    paymentId: z.uuid(),
    amountCents: cents,
    receivedOn: z.iso.date(),
    source: z.enum(['staff', 'bank_import', 'benefit']),
    balanceCents: cents,
  }),
});

export const PaymentPlanAgreed = defineEvent({
  type: 'PaymentPlanAgreed',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, planId: z.uuid(), totalCents: nonNegativeCents, instalments: z.number().int().positive(), firstDueDate: z.iso.date() }),
});

/** A payment plan's instalment was missed: the plan is broken and the arrears ladder resumes. */
export const PaymentPlanBroken = defineEvent({
  type: 'PaymentPlanBroken',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, planId: z.uuid(), missedDueDate: z.iso.date(), arrearsCents: nonNegativeCents }),
});

export const ArrearsStageReached = defineEvent({
  type: 'ArrearsStageReached',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, stage: arrearsStageSchema, arrearsCents: nonNegativeCents, monthsUnpaid: z.number().nonnegative(), reachedOn: z.iso.date() }),
});

/** A tenancy's arrears moved to another ageing bucket (published on each change, not on every payment).
 *  `atRisk` is the signal for the household's caseworker: arrears are overdue by more than 30 days
 *  or amount to a month of rent or more. Amounts only, never payment details. */
export const RentArrearsChanged = defineEvent({
  type: 'RentArrearsChanged',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({
    ...tenancyRef,
    ageing: arrearsAgeingSchema.describe('Ageing bucket of the oldest unpaid charge after the change: none, 0–30, 31–60, 61–90 or more than 90 days overdue.'),
    previousAgeing: arrearsAgeingSchema.describe('Ageing bucket before the change.'),
    arrearsCents: nonNegativeCents,
    monthsUnpaid: z.number().nonnegative(),
    atRisk: z.boolean().describe('Whether the tenancy is at risk: arrears overdue by more than 30 days or at least one month of rent and charges. The caseworker’s signal.'),
    changedOn: z.iso.date().describe('Day the change was observed.'),
  }),
});

/** The tenancy was renewed: it now ends on `endDate` (null: open-ended). */
export const TenancyRenewed = defineEvent({
  type: 'TenancyRenewed',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({
    ...tenancyRef,
    previousEndDate: z.iso.date().nullable().describe('Last day of the tenancy before the renewal; null if it was open-ended.'),
    endDate: z.iso.date().nullable().describe('Last day of the renewed tenancy; null for open-ended.'),
    renewedOn: z.iso.date().describe('Day the renewal was signed.'),
  }),
});

/** Arrears paid back to nothing (or below the threshold): the ladder is closed. */
export const ArrearsCleared = defineEvent({
  type: 'ArrearsCleared',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, clearedOn: z.iso.date() }),
});

export const GuaranteeClaimOpened = defineEvent({
  type: 'GuaranteeClaimOpened',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, claimId: z.uuid(), landlordId: z.uuid(), kind: claimKindSchema, amountCents: nonNegativeCents }),
});

export const GuaranteeClaimDecided = defineEvent({
  type: 'GuaranteeClaimDecided',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, claimId: z.uuid(), kind: claimKindSchema, decision: claimDecisionSchema, approvedCents: nonNegativeCents }),
});

export const GuaranteeClaimPaid = defineEvent({
  type: 'GuaranteeClaimPaid',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({
    ...tenancyRef,
    claimId: z.uuid(),
    landlordId: z.uuid(),
    kind: claimKindSchema,
    paidCents: nonNegativeCents.describe('The approved amount the guarantee paid out, integer cents (owner’s and agency’s shares together).'),
    paidOn: z.iso.date(),
    ownerCents: nonNegativeCents
      .optional()
      .describe('Part paid to the owner, integer cents: what the guaranteed rent did not already cover (decision 0026). Absent in events published before the rule.'),
    agencyCents: nonNegativeCents
      .optional()
      .describe('Part kept by the agency, integer cents: the months the owner was already owed guaranteed rent for, so they are not paid twice. Absent in events published before the rule.'),
  }),
});

/** What the agency owes the owner for a month: guaranteed rent, also when vacant or unpaid, less deductions. */
export const OwnerPaymentDue = defineEvent({
  type: 'OwnerPaymentDue',
  source: 'leases',
  aggregateType: 'HeadLease',
  payload: z.object({
    ...headLeaseRef,
    month,
    guaranteedRentCents: nonNegativeCents,
    loanRepaymentCents: nonNegativeCents,
    managementFeeCents: nonNegativeCents,
    dueCents: cents,
    vacant: z.boolean(),
  }),
});

export const OwnerPaymentMade = defineEvent({
  type: 'OwnerPaymentMade',
  source: 'leases',
  aggregateType: 'HeadLease',
  payload: z.object({ ...headLeaseRef, month, paidCents: nonNegativeCents, paidOn: z.iso.date() }),
});

/** A month's instalment of the renovation loan was deducted from what the agency owes the owner. `loanId` is the agreement id (one loan per agreement). */
export const LoanRepaymentDeducted = defineEvent({
  type: 'LoanRepaymentDeducted',
  source: 'leases',
  aggregateType: 'HeadLease',
  payload: z.object({ ...headLeaseRef, loanId: z.uuid(), month, amountCents: nonNegativeCents, remainingCents: nonNegativeCents }),
});

/** The agreement's interest-free renovation loan was lent to the owner; it is repaid by monthly deductions from the owner's payments. */
export const RenovationLoanDisbursed = defineEvent({
  type: 'RenovationLoanDisbursed',
  source: 'leases',
  aggregateType: 'HeadLease',
  payload: z.object({
    ...headLeaseRef,
    loanId: z.uuid().describe('The agreement id (one loan per agreement).'),
    principalCents: nonNegativeCents.describe('Amount lent, integer cents.'),
    monthlyRepaymentCents: nonNegativeCents.describe('Instalment deducted each month from what the owner is owed, integer cents.'),
    disbursedOn: z.iso.date().describe('Day the loan was lent.'),
  }),
});

/** The owner repaid part or all of the renovation loan ahead of its schedule; later deductions stop once nothing is left. */
export const RenovationLoanRepaidEarly = defineEvent({
  type: 'RenovationLoanRepaidEarly',
  source: 'leases',
  aggregateType: 'HeadLease',
  payload: z.object({
    ...headLeaseRef,
    loanId: z.uuid().describe('The agreement id (one loan per agreement).'),
    amountCents: nonNegativeCents.describe('Amount repaid, integer cents.'),
    repaidOn: z.iso.date().describe('Day the owner repaid it.'),
    remainingCents: nonNegativeCents.describe('What is left of the loan afterwards, integer cents.'),
  }),
});

export const RentIndexed = defineEvent({
  type: 'RentIndexed',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, effectiveOn: z.iso.date(), previousRentCents: nonNegativeCents, newRentCents: nonNegativeCents, indexSeries: z.string().min(1) }),
});

/** A draft or signed tenancy that never started was cancelled (its accepted offer fell through). */
export const TenancyCancelled = defineEvent({
  type: 'TenancyCancelled',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({
    ...tenancyRef,
    cancelledOn: z.iso.date().describe('Day the tenancy was cancelled.'),
    reason: z.enum(['offer_fell_through']).describe('Why it was cancelled, as a code: `offer_fell_through` (matching withdrew the accepted offer).'),
  }),
});

/** Notice given (or termination decided) by either side: the tenancy ends on `endsOn`; the flat is vacating. */
export const TenancyNoticeGiven = defineEvent({
  type: 'TenancyNoticeGiven',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, noticeGivenOn: z.iso.date(), endsOn: z.iso.date(), givenBy: z.enum(['household', 'agency', 'landlord']), reason: tenancyEndReasonSchema }),
});

export const TenancyEnded = defineEvent({
  type: 'TenancyEnded',
  source: 'leases',
  aggregateType: 'Tenancy',
  payload: z.object({ ...tenancyRef, landlordId: z.uuid(), endedOn: z.iso.date(), reason: tenancyEndReasonSchema, finalBalanceCents: cents }),
});
