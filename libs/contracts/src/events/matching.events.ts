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

/**
 * A departure from strict priority order in what a run put into offers (docs/indicators.md#priority-departures):
 * a flat given to a household while one of higher priority, eligible for it, got no flat (`run_choice`),
 * or a proposal the board left out (`board_exclusion`). Ids and numbers only; the board's note stays
 * with the run in matching (GET /allocation-runs/:id).
 */
export const priorityDepartureSchema = z.object({
  kind: z.enum(['run_choice', 'board_exclusion']).describe('`run_choice`: the flat went to a household while one of higher priority, eligible for it, got no flat; `board_exclusion`: a proposal the board left out.'),
  justification: z
    .enum(['optimal_allocation', 'frontier_point', 'caps_in_priority_order', 'over_district_limit', 'board_decision'])
    .describe(
      'The justification recorded: `optimal_allocation` (the optimum under the board’s weights; its certificate on AllocationRunCompleted), `frontier_point` (the frontier point the board approved, `approvedPoint`), ' +
        '`caps_in_priority_order` (a priority run: building or district caps), `over_district_limit` (left out, flagged over the district limit), `board_decision` (left out by the board; its note stays in matching).',
    ),
  unitId: z.uuid().describe('The flat.'),
  householdId: z.uuid().describe('The household the run proposed for the flat.'),
  priority: z.number().nullable().describe('That household’s priority in the run (null for runs solved before 2026-12-01).'),
  passedOverHouseholdId: z.uuid().nullable().describe('The household of highest priority left without a flat that was eligible for this one; null when nobody of higher priority was.'),
  passedOverPriority: z.number().nullable().describe('Its priority in the run.'),
});

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
    /** Its policy's caps: the request's, or matching's MAX_PER_BUILDING and MAX_PER_DISTRICT. */
    caps: z
      .object({
        perBuilding: z.number().int().positive().nullable().describe('Households per building at most; null: no cap.'),
        perDistrict: z
          .union([z.number().int().nonnegative(), z.record(z.string(), z.number().int().nonnegative())])
          .nullable()
          .describe('Households per district at most: one number for every district, or by district code (a district not named has none); null: no cap.'),
      })
      .optional()
      .describe('The caps on concentration the run was solved with (absent before 2026-12-01).'),
    departures: z.array(priorityDepartureSchema).optional().describe('Without approval: the departures from strict priority order in the offers made at once; with approval: empty (they are on AllocationRunApproved). Absent before 2026-12-01.'),
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
    approvedPoint: z.number().int().positive().nullable().optional().describe('The frontier point approved (1 = the best overall allocation); null: the run’s own proposals. Absent before 2026-12-01.'),
    noteRecorded: z.boolean().optional().describe('Whether the board recorded a note with its decision (the note stays in matching). Absent before 2026-12-01.'),
    departures: z.array(priorityDepartureSchema).optional().describe('Every departure from strict priority order in what the board approved. Absent before 2026-12-01.'),
  }),
});

export const AllocationRunRejected = defineEvent({
  type: 'AllocationRunRejected',
  source: 'matching',
  aggregateType: 'AllocationRun',
  payload: z.object({ ...runRef }),
});
