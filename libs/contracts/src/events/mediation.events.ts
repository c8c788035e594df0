import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { householdReferenceSchema } from './applicant.events';

/*
 * Mediation events carry ids, references, categories, dates, counts and outcome codes: never a
 * neighbour's or a household's name or contact, never who complained about whom beyond the kind
 * of party, never a complaint's text, mediation notes or the wording of an agreement. Those stay
 * in the mediation service (neighbours' details encrypted at rest).
 *
 * Aggregates: Preparation (one household's arrival in one flat, from the accepted offer through
 * the neighbours' preparation to the post-arrival meeting and the buddy's contacts,
 * aggregateId = preparationId), Complaint (aggregateId = complaintId), CaseReview (aggregateId =
 * reviewId), Mediation (aggregateId = mediationId) and TenancyRisk (aggregateId = tenancyId).
 */

const date = z.iso.date();

const householdRef = {
  householdId: z.uuid().describe('The household in the applicants service.'),
  reference: householdReferenceSchema.describe('The household’s pseudonymous reference code (e.g. HX-7Q2K).'),
};

export const complaintCategorySchema = z
  .enum(['noise', 'hygiene', 'damage', 'neighbour_conflict', 'harassment_or_discrimination', 'safety', 'other'])
  .describe('What the complaint is about: noise, hygiene, damage, a conflict between neighbours, harassment or discrimination, safety, or other.');

export const complaintIntensitySchema = z
  .enum(['low', 'medium', 'high', 'severe'])
  .describe('How serious the complaint is as staff triaged it: low, medium, high or severe (a danger to someone).');

export const complaintChannelSchema = z
  .enum(['phone', 'email', 'letter', 'in_person', 'web', 'other'])
  .describe('How the complaint reached the agency.');

export const partyKindSchema = z
  .enum(['household', 'neighbour', 'landlord', 'staff', 'other'])
  .describe('The kind of party: the household housed by the agency, a neighbour, the landlord, the agency’s staff, or someone else.');

export const mediationStepSchema = z
  .enum(['house_rules_reminder', 'phone_call', 'visit_by_two_mediators', 'joint_meeting', 'committee'])
  .describe(
    'The step of the escalation ladder: a reminder of the house rules, a phone call, a visit by two mediators, a joint meeting at a neutral place, the committee of three.',
  );

export const mediationOutcomeSchema = z
  .enum(['dialogue_restored', 'complaints_stopped', 'resolved_by_transfer', 'failure', 'withdrawn'])
  .describe('How the mediation ended: dialogue restored, complaints stopped, resolved by a transfer to another flat, failure, or withdrawn.');

export const preparationTaskKindSchema = z
  .enum(['contact_building_manager', 'contact_neighbours', 'contact_residents_association', 'information_meeting', 'other'])
  .describe('A preparation task: contacting the building’s manager, the neighbours or the residents’ association, holding an information meeting, or another task.');

export const riskFactorSchema = z
  .enum(['arrears', 'broken_payment_plan', 'open_complaints', 'missed_support_contacts', 'unresolved_case_review'])
  .describe('A factor of the tenancy-at-risk signal.');

export const NeighbourPreparationOpened = defineEvent({
  type: 'NeighbourPreparationOpened',
  source: 'mediation',
  aggregateType: 'Preparation',
  payload: z.object({
    preparationId: z.uuid().describe('The household’s arrival case: the neighbours’ preparation, then the follow-up after the move.'),
    offerId: z.uuid().describe('The accepted offer (matching) that opened the preparation.'),
    unitId: z.uuid().describe('The flat the household moves into.'),
    ...householdRef,
    tasks: z.number().int().nonnegative().describe('How many preparation tasks were opened with it.'),
    openedOn: date.describe('The day the preparation was opened.'),
  }),
});

export const NeighbourContactLogged = defineEvent({
  type: 'NeighbourContactLogged',
  source: 'mediation',
  aggregateType: 'Preparation',
  payload: z.object({
    preparationId: z.uuid().describe('The preparation case the contact belongs to.'),
    unitId: z.uuid().describe('The flat.'),
    ...householdRef,
    kind: z
      .enum(['preparation_task', 'buddy_contact'])
      .describe('Whether it is the result of a preparation task or a buddy’s (sponsor’s) contact with the neighbours.'),
    taskKind: preparationTaskKindSchema.nullable().describe('For a preparation task: which kind; null for a buddy’s contact.'),
    contactedOn: date.describe('The day of the contact.'),
  }),
});

export const PostArrivalMeetingScheduled = defineEvent({
  type: 'PostArrivalMeetingScheduled',
  source: 'mediation',
  aggregateType: 'Preparation',
  payload: z.object({
    preparationId: z.uuid().describe('The household’s arrival case (preparation and follow-up).'),
    tenancyId: z.uuid().describe('The tenancy (leases) whose start scheduled the meeting.'),
    unitId: z.uuid().describe('The flat.'),
    ...householdRef,
    tenancyStartedOn: date.describe('The day the tenancy started.'),
    scheduledOn: date.describe('The day planned for the post-arrival meeting (4–6 weeks after the start by default).'),
  }),
});

export const PostArrivalMeetingHeld = defineEvent({
  type: 'PostArrivalMeetingHeld',
  source: 'mediation',
  aggregateType: 'Preparation',
  payload: z.object({
    preparationId: z.uuid().describe('The household’s arrival case (preparation and follow-up).'),
    tenancyId: z.uuid().describe('The tenancy.'),
    unitId: z.uuid().describe('The flat.'),
    ...householdRef,
    heldOn: date.describe('The day the meeting took place.'),
    attendees: z.number().int().nonnegative().describe('How many people attended (no names).'),
  }),
});

const complaintRef = {
  complaintId: z.uuid().describe('The complaint.'),
  unitId: z.uuid().describe('The flat the complaint is about.'),
  tenancyId: z.uuid().nullable().describe('The tenancy the complaint is about, when one is known; null otherwise.'),
};

export const ComplaintReceived = defineEvent({
  type: 'ComplaintReceived',
  source: 'mediation',
  aggregateType: 'Complaint',
  payload: z.object({
    ...complaintRef,
    householdId: z.uuid().nullable().describe('The household housed in the flat, when the complaint concerns it; null otherwise.'),
    category: complaintCategorySchema,
    intensity: complaintIntensitySchema,
    channel: complaintChannelSchema,
    complainantKind: partyKindSchema.describe('The kind of party who complained (never who).'),
    respondentKind: partyKindSchema.describe('The kind of party complained about (never who).'),
    receivedOn: date.describe('The day the complaint reached the agency (stage 1 starts then).'),
    acknowledgeBy: date.describe('The last working day to acknowledge it.'),
  }),
});

export const ComplaintAcknowledged = defineEvent({
  type: 'ComplaintAcknowledged',
  source: 'mediation',
  aggregateType: 'Complaint',
  payload: z.object({
    ...complaintRef,
    stage: z.union([z.literal(1), z.literal(2)]).describe('The stage acknowledged: 1, or 2 (the review on request).'),
    acknowledgedOn: date.describe('The day it was acknowledged.'),
    answerBy: date.describe('The last working day to answer this stage.'),
  }),
});

export const ComplaintAnswered = defineEvent({
  type: 'ComplaintAnswered',
  source: 'mediation',
  aggregateType: 'Complaint',
  payload: z.object({
    ...complaintRef,
    stage: z.union([z.literal(1), z.literal(2)]).describe('The stage answered.'),
    answeredOn: date.describe('The day the answer was sent.'),
    answerBy: date.describe('The last working day the answer was due (after any extension).'),
    late: z.boolean().describe('Whether the answer came after its due day.'),
    upheld: z.boolean().describe('Whether the complaint was upheld (found justified) at this stage.'),
  }),
});

export const ComplaintEscalated = defineEvent({
  type: 'ComplaintEscalated',
  source: 'mediation',
  aggregateType: 'Complaint',
  payload: z.object({
    ...complaintRef,
    to: z.enum(['stage_2', 'mediation']).describe('Where it went: stage 2 (review by someone other than the stage-1 handler) or a mediation case.'),
    mediationId: z.uuid().nullable().describe('The mediation case it went to; null for stage 2.'),
    escalatedOn: date.describe('The day of the escalation.'),
    acknowledgeBy: date.nullable().describe('For stage 2: the last working day to acknowledge the request; null otherwise.'),
  }),
});

export const CaseReviewOpened = defineEvent({
  type: 'CaseReviewOpened',
  source: 'mediation',
  aggregateType: 'CaseReview',
  payload: z.object({
    reviewId: z.uuid().describe('The case review.'),
    tenancyId: z.uuid().describe('The tenancy the complaints are about.'),
    unitId: z.uuid().describe('The flat.'),
    complaints: z.number().int().positive().describe('How many complaints about the tenancy were received within the window.'),
    windowMonths: z.number().int().positive().describe('The window, in months, the complaints were counted over (six by default).'),
    openedOn: date.describe('The day the review was opened.'),
  }),
});

const mediationRef = {
  mediationId: z.uuid().describe('The mediation case.'),
  unitId: z.uuid().describe('The flat.'),
  tenancyId: z.uuid().nullable().describe('The tenancy concerned, when one is known.'),
};

export const MediationSessionHeld = defineEvent({
  type: 'MediationSessionHeld',
  source: 'mediation',
  aggregateType: 'Mediation',
  payload: z.object({
    ...mediationRef,
    sessionId: z.uuid().describe('The session.'),
    step: mediationStepSchema,
    heldOn: date.describe('The day of the session.'),
    attendees: z.number().int().nonnegative().describe('How many people attended (no names).'),
  }),
});

export const MediationAgreementReached = defineEvent({
  type: 'MediationAgreementReached',
  source: 'mediation',
  aggregateType: 'Mediation',
  payload: z.object({
    ...mediationRef,
    agreementId: z.uuid().describe('The written, non-binding agreement.'),
    commitments: z.number().int().positive().describe('How many commitments the parties made (their wording stays in mediation).'),
    followUpOn: date.describe('The day the agreement is to be followed up (three months later by default).'),
  }),
});

export const CommitteeDecisionRecorded = defineEvent({
  type: 'CommitteeDecisionRecorded',
  source: 'mediation',
  aggregateType: 'Mediation',
  payload: z.object({
    ...mediationRef,
    decision: z
      .enum(['agreement_proposed', 'warning', 'transfer_recommended', 'no_further_action', 'referred_elsewhere'])
      .describe('What the committee of three decided (its reasons stay in mediation).'),
    members: z.number().int().positive().describe('How many members sat (three).'),
    decidedOn: date.describe('The day of the decision.'),
  }),
});

export const MediationClosed = defineEvent({
  type: 'MediationClosed',
  source: 'mediation',
  aggregateType: 'Mediation',
  payload: z.object({
    ...mediationRef,
    outcome: mediationOutcomeSchema,
    exclusion: z
      .enum(['ongoing_court_case', 'criminal_proceedings', 'party_refused', 'other'])
      .nullable()
      .describe('Why the case was excluded from mediation, if it was (for example an ongoing court case); null otherwise.'),
    closedOn: date.describe('The day the case was closed.'),
  }),
});

const riskRef = {
  tenancyId: z.uuid().describe('The tenancy whose risk changed.'),
  unitId: z.uuid().describe('The flat.'),
  ...householdRef,
};

export const TenancyAtRisk = defineEvent({
  type: 'TenancyAtRisk',
  source: 'mediation',
  aggregateType: 'TenancyRisk',
  payload: z.object({
    ...riskRef,
    score: z.number().int().nonnegative().describe('The risk score, the sum of the factors’ contributions (points).'),
    threshold: z.number().int().positive().describe('The configured threshold the score reached or crossed.'),
    factors: z
      .array(
        z.object({
          factor: riskFactorSchema,
          contribution: z.number().int().nonnegative().describe('Points the factor adds to the score.'),
        }),
      )
      .describe('Why: each factor present and its contribution.'),
  }),
});

export const TenancyRiskCleared = defineEvent({
  type: 'TenancyRiskCleared',
  source: 'mediation',
  aggregateType: 'TenancyRisk',
  payload: z.object({
    ...riskRef,
    score: z.number().int().nonnegative().describe('The risk score now, below the threshold.'),
    threshold: z.number().int().positive().describe('The configured threshold.'),
  }),
});
