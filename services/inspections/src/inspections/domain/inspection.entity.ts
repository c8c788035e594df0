import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { InspectionStatus, InspectionTransition, nextInspectionStatus } from './inspection-status';
import { InspectionOutcome } from './outcome';

export const INSPECTION_TYPES = ['initial', 'periodic', 'move_in', 'move_out', 'complaint'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];

/** Why the request exists: the unit was submitted, its tenancy was given notice (move-out), staff
 *  asked for it, or a repair deadline passed. */
export type InspectionTrigger = 'unit_submitted' | 'unit_vacating' | 'staff' | 'repair_deadline_missed';

/** One visit of a flat against the habitability checklist, from request to outcome. */
@Entity('inspections')
export class Inspection extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  /** The unit's owner when the inspection was requested (a flat never changes owner here). */
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('text') type: InspectionType;
  @Column('text') status: InspectionStatus;
  @Column('text', { nullable: true }) outcome: InspectionOutcome | null;
  @Column('uuid', { name: 'reinspection_of', nullable: true }) reinspectionOf: string | null;
  @Column('text') trigger: InspectionTrigger;
  /** For a request opened by a unit event (submitted, vacating): the unit version that asked for it. */
  @Column('int', { name: 'trigger_unit_version', nullable: true }) triggerUnitVersion: number | null;
  @Column('text', { name: 'request_note', nullable: true }) requestNote: string | null;
  /** The user id of the assigned inspector. */
  @Column('text', { name: 'inspector_id', nullable: true }) inspectorId: string | null;
  @Column('timestamptz', { name: 'scheduled_at', nullable: true }) scheduledAt: Date | null;
  @Column('int', { name: 'checklist_version' }) checklistVersion: number;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;

  private apply(transition: InspectionTransition): void {
    this.status = nextInspectionStatus(this.status, transition);
  }

  schedule(inspectorId: string, at: Date): void {
    this.apply('schedule');
    this.inspectorId = inspectorId;
    this.scheduledAt = at;
  }

  reschedule(change: { inspectorId?: string; scheduledAt?: Date }): void {
    this.apply('reschedule');
    this.inspectorId = change.inspectorId ?? this.inspectorId;
    this.scheduledAt = change.scheduledAt ?? this.scheduledAt;
  }

  /** Throws the transition's 409 when the inspection's status does not allow it. */
  assertCan(transition: InspectionTransition): void {
    nextInspectionStatus(this.status, transition);
  }

  /** Nobody let the inspector in: the request is open again, for a new appointment. */
  recordNoAccess(): void {
    this.apply('record_no_access');
    this.inspectorId = null;
    this.scheduledAt = null;
  }

  complete(outcome: InspectionOutcome, at: Date): void {
    this.apply('complete');
    this.outcome = outcome;
    this.completedAt = at;
  }

  cancel(reason: string): void {
    this.apply('cancel');
    this.cancelReason = reason;
  }
}
