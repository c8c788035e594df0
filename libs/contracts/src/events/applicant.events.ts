import { z } from 'zod';
import { defineEvent } from '../event-definition';

/*
 * Applicant events never carry personal data: no names, birth dates, contact details, health or
 * vulnerability details, legal status, free-text notes or reasons. Other services know a household
 * by its id (uuid) and its reference code (e.g. HX-7Q2K), and by the attributes matching reads
 * (docs/matching-rules.md).
 */

export const householdStatusSchema = z.enum(['registered', 'assessed', 'waitlisted', 'offered', 'housed', 'paused', 'withdrawn', 'exited']);
export const supportProgrammeSchema = z.enum(['housing_first', 'housing_led', 'rapid_rehousing']);
export const consentScopeSchema = z.enum(['processing', 'matching', 'sharing_with_support_services']);

export const householdReferenceSchema = z.string().regex(/^HX-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4,6}$/, 'must be a household reference like HX-7Q2K');

const householdRef = { householdId: z.uuid(), reference: householdReferenceSchema };
const districtCodes = z.array(z.string().min(1));

/**
 * Exactly what the matching engine reads about an applicant, plus who it is (id and reference),
 * its programme and status.
 *
 * Waiting time: events carry `waitingSince` (the registration date, ISO yyyy-mm-dd), not a number
 * of days that would be stale the next day. Consumers compute `waitingDays` for the day of their
 * allocation run with `waitingDaysOn(waitingSince, runDate)`: whole days from waitingSince to
 * runDate (UTC), never negative.
 */
export const matchingAttributesSchema = z.object({
  ...householdRef,
  programme: supportProgrammeSchema,
  status: householdStatusSchema,
  householdSize: z.number().int().positive(),
  bedroomsNeeded: z.number().int().nonnegative(),
  maxRent: z.number().nonnegative(),
  wheelchair: z.boolean(),
  stepFree: z.boolean(),
  pets: z.boolean(),
  excludedDistricts: districtCodes,
  preferredDistricts: districtCodes,
  priority: z.number().min(0).max(100),
  waitingSince: z.iso.date(),
  /** The caseworker (a staff user id, not personal data) who may answer offers for the
   *  household; absent in events that do not carry it, null when none is assigned. */
  caseworkerId: z.string().min(1).nullable().optional(),
});

export type MatchingAttributes = z.infer<typeof matchingAttributesSchema>;

const DAY_MS = 86_400_000;

/** Whole days from `waitingSince` (yyyy-mm-dd) to `on` (a date or yyyy-mm-dd), in UTC; 0 if `on` is earlier. */
export function waitingDaysOn(waitingSince: string, on: Date | string): number {
  const start = Date.parse(`${waitingSince}T00:00:00Z`);
  const day = typeof on === 'string' ? Date.parse(`${on.slice(0, 10)}T00:00:00Z`) : Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate());
  return Math.max(0, Math.floor((day - start) / DAY_MS));
}

export const ApplicantRegistered = defineEvent({
  type: 'ApplicantRegistered',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({
    ...householdRef,
    programme: supportProgrammeSchema,
    status: z.literal('registered'),
    householdSize: z.number().int().positive(),
    registeredOn: z.iso.date(),
  }),
});

export const ConsentGiven = defineEvent({
  type: 'ConsentGiven',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: householdStatusSchema, scope: z.array(consentScopeSchema).min(1), givenOn: z.iso.date() }),
});

/** The household is paused (unless it had already left) and must not be matched or processed further. */
export const ConsentWithdrawn = defineEvent({
  type: 'ConsentWithdrawn',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: householdStatusSchema, withdrawnOn: z.iso.date() }),
});

export const ApplicantAssessed = defineEvent({
  type: 'ApplicantAssessed',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({
    ...householdRef,
    status: householdStatusSchema,
    priority: z.number().min(0).max(100),
    policyVersion: z.number().int().positive(),
    assessedOn: z.iso.date(),
  }),
});

/** The household joins the pool matching allocates from. */
export const ApplicantWaitlisted = defineEvent({
  type: 'ApplicantWaitlisted',
  source: 'applicants',
  aggregateType: 'Household',
  payload: matchingAttributesSchema,
});

/** A full snapshot of the matching attributes after any of them changed (needs, re-assessment,
 *  a board decision, a new priority policy). Sent only when something matching reads changed. */
export const ApplicantNeedsChanged = defineEvent({
  type: 'ApplicantNeedsChanged',
  source: 'applicants',
  aggregateType: 'Household',
  payload: matchingAttributesSchema,
});

/**
 * The household's caseworker changed (staff assigned another one, or none): published for every
 * household whatever its status — waiting, offered, housed, paused — so the services that let a
 * caseworker see the household's offers, tenancy or alerts follow it. Ids only: the caseworker is
 * a staff user id (the token subject), null when the household has none. A change of caseworker
 * publishes this event alone, never ApplicantNeedsChanged (decision 0018).
 */
export const CaseworkerAssigned = defineEvent({
  type: 'CaseworkerAssigned',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({
    ...householdRef,
    caseworkerId: z.string().min(1).nullable().describe('The caseworker’s user id; null when the household has none any more.'),
  }),
});

/** Matching made the household an offer; it leaves the pool until the offer is answered. The
 *  household returns with ApplicantWaitlisted (priority unchanged) when the offer is declined,
 *  expires or is withdrawn. */
export const ApplicantOffered = defineEvent({
  type: 'ApplicantOffered',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('offered'), offerId: z.uuid() }),
});

/** Why staff paused a household; it stays in applicants (v1 events carried it, v2 do not). */
export const pauseReasonSchema = z.enum(['consent_withdrawn', 'temporarily_unreachable', 'in_treatment', 'in_custody', 'staying_elsewhere', 'other']);

/** The household moved in: its tenancy (in the leases service) started. */
export const ApplicantHoused = defineEvent({
  type: 'ApplicantHoused',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({
    ...householdRef,
    status: z.literal('housed'),
    tenancyId: z.uuid(),
  }),
});

/**
 * Version 1 carried the reason (in treatment, in custody…) to every consumer and into Kafka's
 * history. Kept so that v1 events already published stay readable; never produced any more.
 */
export const ApplicantPausedV1 = defineEvent({
  type: 'ApplicantPaused',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('paused'), reason: pauseReasonSchema }),
});

/** The household is unavailable for now (not matched, not offered). Why stays in applicants. */
export const ApplicantPaused = defineEvent({
  type: 'ApplicantPaused',
  version: 2,
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('paused') }),
});

/** Back from a pause; a waitlisted household carries its (re-scored) matching attributes. */
export const ApplicantResumed = defineEvent({
  type: 'ApplicantResumed',
  source: 'applicants',
  aggregateType: 'Household',
  payload: matchingAttributesSchema.partial({
    householdSize: true,
    bedroomsNeeded: true,
    maxRent: true,
    wheelchair: true,
    stepFree: true,
    pets: true,
    excludedDistricts: true,
    preferredDistricts: true,
    priority: true,
    waitingSince: true,
  }),
});

/** Why a household left the waitlist; it stays in applicants (v1 events carried it, v2 do not). */
export const withdrawalReasonSchema = z.enum(['housed_elsewhere', 'no_longer_interested', 'moved_away', 'deceased', 'lost_contact', 'other']);

/** Version 1 carried the reason (deceased…); kept so that published v1 events stay readable. */
export const ApplicantWithdrawnV1 = defineEvent({
  type: 'ApplicantWithdrawn',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('withdrawn'), reason: withdrawalReasonSchema }),
});

/** The household left the waitlist for good. Why stays in applicants. */
export const ApplicantWithdrawn = defineEvent({
  type: 'ApplicantWithdrawn',
  version: 2,
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('withdrawn') }),
});

/** Why support ended; it stays in applicants (v1 events carried it, v2 do not). */
export const exitReasonSchema = z.enum(['support_completed', 'moved_away', 'deceased', 'lost_contact', 'erased', 'other']);

/** Version 1 carried the reason (deceased…); kept so that published v1 events stay readable. */
export const ApplicantExitedV1 = defineEvent({
  type: 'ApplicantExited',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('exited'), reason: exitReasonSchema }),
});

/** Support for the household ended. Why stays in applicants. */
export const ApplicantExited = defineEvent({
  type: 'ApplicantExited',
  version: 2,
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('exited') }),
});

/** Personal data was erased here; other services drop whatever they keep about the household. */
export const ApplicantErased = defineEvent({
  type: 'ApplicantErased',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.object({ ...householdRef, status: z.literal('exited'), erasedOn: z.iso.date() }),
});

export const priorityPolicyWeightsSchema = z.object({
  livingSituation: z.object({
    rough_sleeping: z.number().min(0).max(100),
    emergency_shelter: z.number().min(0).max(100),
    leaving_institution: z.number().min(0).max(100),
    temporary_accommodation: z.number().min(0).max(100),
    overcrowded: z.number().min(0).max(100),
    other: z.number().min(0).max(100),
  }),
  leavingInstitution: z.object({ withinDays: z.number().int().min(0).max(3650), laterShare: z.number().min(0).max(1) }),
  monthsHomeless: z.object({ pointsPerMonth: z.number().min(0).max(100), maxPoints: z.number().min(0).max(100) }),
  vulnerabilities: z.object({
    health: z.number().min(0).max(100),
    disability: z.number().min(0).max(100),
    age: z.number().min(0).max(100),
    domesticViolence: z.number().min(0).max(100),
    children: z.number().min(0).max(100),
  }),
  urgentBonus: z.number().min(0).max(100),
});

/** A new priority policy is in force; every waitlisted household is re-scored with it. */
export const PriorityPolicyPublished = defineEvent({
  type: 'PriorityPolicyPublished',
  source: 'applicants',
  aggregateType: 'PriorityPolicy',
  payload: z.object({ policyVersion: z.number().int().positive(), weights: priorityPolicyWeightsSchema, publishedOn: z.iso.date() }),
});
