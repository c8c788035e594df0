import { z } from 'zod';
import { defineEvent } from '../event-definition';

// Landlord events carry ids and statuses, never names, contacts or bank details.
const landlordRef = { landlordId: z.uuid() };

/** A language code (ISO 639-1), as the owner chose it for letters and documents: no personal data. */
export const preferredLanguageSchema = z
  .string()
  .regex(/^[a-z]{2}$/)
  .optional()
  .describe('The language the owner chose for letters and documents (ISO 639-1, e.g. "nl"); absent from events published before it was carried.');

export const LandlordRegistered = defineEvent({
  type: 'LandlordRegistered',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, kind: z.enum(['individual', 'company']), status: z.literal('prospect'), preferredLanguage: preferredLanguageSchema }),
});

export const LandlordVerified = defineEvent({
  type: 'LandlordVerified',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, status: z.literal('active') }),
});

export const LandlordSuspended = defineEvent({
  type: 'LandlordSuspended',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, status: z.literal('suspended'), reason: z.string().min(1) }),
});

export const LandlordReactivated = defineEvent({
  type: 'LandlordReactivated',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, status: z.literal('active') }),
});

export const LandlordOffboarded = defineEvent({
  type: 'LandlordOffboarded',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, status: z.literal('offboarded') }),
});

export const agreementSchemeSchema = z.enum(['head_lease', 'management_mandate', 'direct_let']);

const agreementSignedV1Payload = z.object({
  ...landlordRef,
  agreementId: z.uuid(),
  scheme: agreementSchemeSchema,
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  guaranteedMonthlyRent: z.number().nonnegative(),
});

/** Version 1 carried the scheme, dates and guaranteed rent only; kept so that published v1 events
 *  stay readable (leases records no coverage or loan from it). Never produced any more. */
export const AgreementSignedV1 = defineEvent({
  type: 'AgreementSigned',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: agreementSignedV1Payload,
});

/** What the guarantee covers under an agreement. Amounts in euros with at most two decimals, as the agreement states them. */
export const agreementCoverageSchema = z.object({
  rentArrears: z.boolean().describe('Unpaid rent is guaranteed to the owner.'),
  vacancy: z.boolean().describe('The guaranteed rent is paid also while the flat is empty.'),
  damageCap: z.number().nonnegative().describe('Tenant damage repaired at exit up to this amount, in euros; 0 = not covered.'),
  legalCosts: z.boolean().describe('Legal costs (e.g. of an eviction procedure) are covered.'),
});

/** An interest-free renovation loan repaid by deduction from the guaranteed rent. */
export const renovationLoanTermsSchema = z.object({
  amount: z.number().positive().describe('The loan, in euros.'),
  monthlyRepayment: z.number().positive().describe('Deducted from each month’s guaranteed rent until repaid, in euros.'),
});

/** The agreement is signed; v2 adds the guarantee's coverage and the renovation loan (what leases needs). */
export const AgreementSigned = defineEvent({
  type: 'AgreementSigned',
  version: 2,
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: agreementSignedV1Payload.extend({
    coverage: agreementCoverageSchema.describe('What the guarantee covers under this agreement.'),
    renovationLoan: renovationLoanTermsSchema.nullable().describe('The renovation loan granted with the agreement; null if none.'),
  }),
});

export const AgreementEnded = defineEvent({
  type: 'AgreementEnded',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, agreementId: z.uuid(), endedOn: z.iso.date(), reason: z.string().min(1) }),
});
