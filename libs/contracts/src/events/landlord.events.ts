import { z } from 'zod';
import { defineEvent } from '../event-definition';

// Landlord events carry ids and statuses, never names, contacts or bank details.
const landlordRef = { landlordId: z.uuid() };

export const LandlordRegistered = defineEvent({
  type: 'LandlordRegistered',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, kind: z.enum(['individual', 'company']), status: z.literal('prospect') }),
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

export const AgreementSigned = defineEvent({
  type: 'AgreementSigned',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({
    ...landlordRef,
    agreementId: z.uuid(),
    scheme: agreementSchemeSchema,
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    guaranteedMonthlyRent: z.number().nonnegative(),
  }),
});

export const AgreementEnded = defineEvent({
  type: 'AgreementEnded',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ ...landlordRef, agreementId: z.uuid(), endedOn: z.iso.date(), reason: z.string().min(1) }),
});
