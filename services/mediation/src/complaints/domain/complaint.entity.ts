import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COMPLAINT_CATEGORIES = ['noise', 'hygiene', 'damage', 'neighbour_conflict', 'harassment_or_discrimination', 'safety', 'other'] as const;
export const COMPLAINT_INTENSITIES = ['low', 'medium', 'high', 'severe'] as const;
export const COMPLAINT_CHANNELS = ['phone', 'email', 'letter', 'in_person', 'web', 'other'] as const;
export const PARTY_KINDS = ['household', 'neighbour', 'landlord', 'staff', 'other'] as const;
export const COMPLAINT_STATUSES = ['awaiting_acknowledgement', 'awaiting_answer', 'answered', 'withdrawn'] as const;

export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export type ComplaintIntensity = (typeof COMPLAINT_INTENSITIES)[number];
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type PartyKind = (typeof PARTY_KINDS)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type Stage = 1 | 2;

/** A complaint, handled in two stages after the Housing Ombudsman's Complaint Handling Code. */
@Entity('complaints')
export class Complaint extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'tenancy_id', nullable: true }) tenancyId: string | null;
  @Column('uuid', { name: 'household_id', nullable: true }) householdId: string | null;
  @Column('uuid', { name: 'landlord_id', nullable: true }) landlordId: string | null;
  @Column('text') category: ComplaintCategory;
  @Column('text') intensity: ComplaintIntensity;
  @Column('text') channel: ComplaintChannel;
  @Column('text', { name: 'complainant_kind' }) complainantKind: PartyKind;
  /** The household id, neighbour record id or landlord id of the complainant (by reference). */
  @Column('text', { name: 'complainant_ref', nullable: true }) complainantRef: string | null;
  @Column('text', { name: 'respondent_kind' }) respondentKind: PartyKind;
  @Column('text', { name: 'respondent_ref', nullable: true }) respondentRef: string | null;
  @Column('text', { name: 'description_encrypted', nullable: true }) descriptionEncrypted: string | null;
  @Column('text', { name: 'filed_by' }) filedBy: string;
  @Column('text', { name: 'filed_by_role' }) filedByRole: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('date', { name: 'received_on' }) receivedOn: string;
  @Column('int') stage: Stage;
  @Column('text') status: ComplaintStatus;
  /** Who handles the current stage (a staff or mediator user id). */
  @Column('text', { name: 'handler_id', nullable: true }) handlerId: string | null;
  @Column('uuid', { name: 'mediation_id', nullable: true }) mediationId: string | null;
  @Column('timestamptz', { name: 'last_activity_at' }) lastActivityAt: Date;
  /**
   * The due day of the acknowledgement or answer it waits on, copied from the current stage by
   * every transition (null once answered or withdrawn): lists find "overdue" by index with it.
   */
  @Column('date', { name: 'due_on', nullable: true }) dueOn: string | null;
}

/** One stage of a complaint with its time limits (dates, counted in working days). */
@Entity('complaint_stages')
export class ComplaintStage {
  @PrimaryColumn('uuid', { name: 'complaint_id' }) complaintId: string;
  @PrimaryColumn('int') stage: Stage;
  @Column('text', { name: 'handler_id', nullable: true }) handlerId: string | null;
  @Column('date', { name: 'started_on' }) startedOn: string;
  @Column('date', { name: 'acknowledge_by' }) acknowledgeBy: string;
  @Column('date', { name: 'acknowledged_on', nullable: true }) acknowledgedOn: string | null;
  @Column('date', { name: 'answer_by', nullable: true }) answerBy: string | null;
  @Column('int', { name: 'extension_days' }) extensionDays: number;
  @Column('text', { name: 'extension_reason_encrypted', nullable: true }) extensionReasonEncrypted: string | null;
  @Column('date', { name: 'answered_on', nullable: true }) answeredOn: string | null;
  @Column('boolean', { nullable: true }) upheld: boolean | null;
  @Column('text', { name: 'answer_encrypted', nullable: true }) answerEncrypted: string | null;
  @Column('boolean', { name: 'acknowledge_overdue' }) acknowledgeOverdue: boolean;
  @Column('boolean', { name: 'answer_overdue' }) answerOverdue: boolean;
}
