import { z } from 'zod';
import { defineEvent } from '../event-definition';

// Inspection events carry ids, types, outcomes and counts: never the inspector's notes or
// photos, and nothing about the household living in the flat.

export const inspectionTypeSchema = z.enum(['initial', 'periodic', 'move_in', 'move_out', 'complaint']);
export const deficiencySeveritySchema = z.enum(['life_threatening', 'severe', 'moderate', 'low']);
export const inspectionOutcomeSchema = z.enum(['passed', 'failed']);

const inspectionRef = {
  inspectionId: z.uuid(),
  unitId: z.uuid(),
  landlordId: z.uuid(),
  inspectionType: inspectionTypeSchema,
};

export const InspectionRequested = defineEvent({
  type: 'InspectionRequested',
  source: 'inspections',
  aggregateType: 'Inspection',
  payload: z.object({
    ...inspectionRef,
    /** Set on a re-inspection: the inspection whose deficiencies it checks again. */
    reinspectionOf: z.uuid().nullable(),
    /** unit_vacating: the move-out inspection of a flat whose tenancy was given notice. */
    trigger: z.enum(['unit_submitted', 'unit_vacating', 'staff', 'repair_deadline_missed']),
  }),
});

export const InspectionScheduled = defineEvent({
  type: 'InspectionScheduled',
  source: 'inspections',
  aggregateType: 'Inspection',
  payload: z.object({
    ...inspectionRef,
    inspectorId: z.string().min(1),
    scheduledAt: z.iso.datetime({ offset: true }),
    rescheduled: z.boolean(),
  }),
});

/** The visit could not take place (no access); the request is open again. */
export const InspectionReopened = defineEvent({
  type: 'InspectionReopened',
  source: 'inspections',
  aggregateType: 'Inspection',
  payload: z.object({ ...inspectionRef, reason: z.literal('no_access') }),
});

export const deficiencySummarySchema = z.object({
  total: z.number().int().nonnegative(),
  bySeverity: z.object({
    life_threatening: z.number().int().nonnegative(),
    severe: z.number().int().nonnegative(),
    moderate: z.number().int().nonnegative(),
    low: z.number().int().nonnegative(),
  }),
  mostSevere: deficiencySeveritySchema.nullable(),
});

export const InspectionCompleted = defineEvent({
  type: 'InspectionCompleted',
  source: 'inspections',
  aggregateType: 'Inspection',
  payload: z.object({
    ...inspectionRef,
    outcome: inspectionOutcomeSchema,
    reinspectionOf: z.uuid().nullable(),
    checklistVersion: z.number().int().positive(),
    completedAt: z.iso.datetime({ offset: true }),
    deficiencies: deficiencySummarySchema,
  }),
});

export const InspectionCancelled = defineEvent({
  type: 'InspectionCancelled',
  source: 'inspections',
  aggregateType: 'Inspection',
  payload: z.object({ ...inspectionRef, reason: z.string().min(1) }),
});

/** Deficiencies of one severity were not cleared by a passed re-inspection before their deadline. */
export const RepairDeadlineMissed = defineEvent({
  type: 'RepairDeadlineMissed',
  source: 'inspections',
  aggregateType: 'Inspection',
  payload: z.object({
    ...inspectionRef,
    severity: deficiencySeveritySchema,
    deadlineAt: z.iso.datetime({ offset: true }),
    openDeficiencies: z.number().int().positive(),
    /** The re-inspection that will check them: opened by this deadline or already open. */
    reinspectionId: z.uuid(),
  }),
});
