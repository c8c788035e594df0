import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { householdReferenceSchema } from './applicant.events';

/*
 * Matching events carry ids, reason codes, scores and counts: never personal data, never the
 * free-text notes staff may attach to a decline or a withdrawal, and never a run's snapshot
 * (read it from GET /allocation-runs/:id/census).
 *
 * Offer events belong to the Offer aggregate (aggregateId = offerId, so one offer's events stay
 * in order on its Kafka key) and every payload names the unit and the household, so units can
 * react per unit and applicants per household.
 */

export const offerStatusSchema = z.enum(['proposed', 'offered', 'accepted', 'declined', 'expired', 'withdrawn']);

/** Where a proposal came from: a staff member reading a shortlist, an approved allocation run, or
 *  the next household proposed automatically after a decline or an expiry. */
export const offerSourceSchema = z.enum(['shortlist', 'allocation_run', 'next_on_shortlist']);

/** Why an offer was declined. `household.*`: the household said no; `provider.*`: the agency or the
 *  landlord could not go through with it. Declining never lowers a household's priority. */
export const declineReasonSchema = z.enum([
  'household.too_far_from_support',
  'household.unsafe_area',
  'household.unsuitable_accessibility',
  'household.too_expensive',
  'household.too_small',
  'household.personal_circumstances',
  'household.other',
  'provider.unit_not_ready',
  'provider.landlord_refused',
  'provider.error_in_offer',
  'provider.other',
]);

export const declinePartySchema = z.enum(['household', 'provider']);

/** Why an offer was withdrawn, by staff or by matching itself when the unit or the household left the pool. */
export const offerWithdrawalReasonSchema = z.enum([
  'unit_no_longer_available',
  'household_no_longer_waitlisted',
  'error_in_offer',
  'landlord_refused',
  'fell_through_after_acceptance',
  'other',
]);

export const allocationModeSchema = z.enum(['priority', 'optimal']);

const offerRef = {
  offerId: z.uuid(),
  unitId: z.uuid(),
  householdId: z.uuid(),
  reference: householdReferenceSchema,
};

export const OfferProposed = defineEvent({
  type: 'OfferProposed',
  source: 'matching',
  aggregateType: 'Offer',
  payload: z.object({
    ...offerRef,
    source: offerSourceSchema,
    /** Set when the proposal comes from an approved allocation run. */
    runId: z.uuid().nullable(),
    score: z.number(),
    /** Position on the unit's shortlist when proposed (1 = first); null for a run's proposal or a household not on it. */
    rank: z.number().int().positive().nullable(),
  }),
});

/** The household has been told; it must answer before the deadline. */
export const OfferMade = defineEvent({
  type: 'OfferMade',
  source: 'matching',
  aggregateType: 'Offer',
  payload: z.object({ ...offerRef, responseDeadline: z.iso.datetime({ offset: true }) }),
});

/** The unit is to be reserved for the household. */
export const OfferAccepted = defineEvent({
  type: 'OfferAccepted',
  source: 'matching',
  aggregateType: 'Offer',
  payload: z.object({ ...offerRef, acceptedAt: z.iso.datetime({ offset: true }) }),
});

/** The household goes back to the waitlist with its priority unchanged. */
export const OfferDeclined = defineEvent({
  type: 'OfferDeclined',
  source: 'matching',
  aggregateType: 'Offer',
  payload: z.object({ ...offerRef, reason: declineReasonSchema, party: declinePartySchema }),
});

/** No answer by the deadline; the household goes back to the waitlist with its priority unchanged. */
export const OfferExpired = defineEvent({
  type: 'OfferExpired',
  source: 'matching',
  aggregateType: 'Offer',
  payload: z.object({ ...offerRef, responseDeadline: z.iso.datetime({ offset: true }) }),
});

/** Withdrawn before or after an answer. `previousStatus: 'accepted'` means an accepted offer fell
 *  through: the unit's reservation is to be released. */
export const OfferWithdrawn = defineEvent({
  type: 'OfferWithdrawn',
  source: 'matching',
  aggregateType: 'Offer',
  payload: z.object({
    ...offerRef,
    previousStatus: z.enum(['proposed', 'offered', 'accepted']),
    reason: offerWithdrawalReasonSchema,
  }),
});

const runRef = {
  runId: z.uuid(),
  mode: allocationModeSchema,
};

/** An allocation run has been solved; its census (snapshot, result, certificate) is stored in matching. */
export const AllocationRunCompleted = defineEvent({
  type: 'AllocationRunCompleted',
  source: 'matching',
  aggregateType: 'AllocationRun',
  payload: z.object({
    ...runRef,
    units: z.number().int().nonnegative(),
    households: z.number().int().nonnegative(),
    proposals: z.number().int().nonnegative(),
    totalScore: z.number(),
    engineVersion: z.string().min(1),
    /** Optimal runs: whether the optimality certificate checked out; null for priority runs. */
    certificateValid: z.boolean().nullable(),
    approvalRequired: z.boolean(),
  }),
});

/** A board member approved the run's proposals; each one not excluded or stale became an offer. */
export const AllocationRunApproved = defineEvent({
  type: 'AllocationRunApproved',
  source: 'matching',
  aggregateType: 'AllocationRun',
  payload: z.object({
    ...runRef,
    offersProposed: z.number().int().nonnegative(),
    excluded: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
});

export const AllocationRunRejected = defineEvent({
  type: 'AllocationRunRejected',
  source: 'matching',
  aggregateType: 'AllocationRun',
  payload: z.object({ ...runRef }),
});
