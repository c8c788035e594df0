import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SHAREABLE_ITEMS = ['arrival_date', 'household_size', 'support_by_agency', 'contact_person_at_agency', 'support_needs_summary'] as const;
export type ShareableItem = (typeof SHAREABLE_ITEMS)[number];

export const TASK_KINDS = ['contact_building_manager', 'contact_neighbours', 'contact_residents_association', 'information_meeting', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** Opened with every preparation. */
export const DEFAULT_TASKS: readonly TaskKind[] = ['contact_building_manager', 'contact_neighbours', 'contact_residents_association', 'information_meeting'];

/** A household's arrival in a flat: the neighbours' preparation, then the follow-up after the move. */
@Entity('preparations')
export class Preparation extends VersionedEntity {
  @Column('uuid', { name: 'offer_id', nullable: true }) offerId: string | null;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') reference: string;
  @Column('text') status: 'open' | 'completed' | 'cancelled';
  /** Who is responsible (the household's caseworker when known). */
  @Column('text', { name: 'owner_id', nullable: true }) ownerId: string | null;
  /** What the household agreed may be shared with the neighbours; nothing by default. */
  @Column('text', { name: 'shared_items', array: true }) sharedItems: ShareableItem[];
  @Column('date', { name: 'consent_recorded_on', nullable: true }) consentRecordedOn: string | null;
  @Column('text', { name: 'consent_note_encrypted', nullable: true }) consentNoteEncrypted: string | null;
  @Column('uuid', { name: 'tenancy_id', nullable: true }) tenancyId: string | null;
  @Column('date', { name: 'tenancy_started_on', nullable: true }) tenancyStartedOn: string | null;
  @Column('date', { name: 'meeting_due_on', nullable: true }) meetingDueOn: string | null;
  @Column('date', { name: 'meeting_held_on', nullable: true }) meetingHeldOn: string | null;
  @Column('int', { name: 'meeting_attendees', nullable: true }) meetingAttendees: number | null;
  @Column('text', { name: 'meeting_notes_encrypted', nullable: true }) meetingNotesEncrypted: string | null;
  /** The volunteer buddy's name and contact (personal data). */
  @Column('text', { name: 'buddy_encrypted', nullable: true }) buddyEncrypted: string | null;
  @Column('date', { name: 'buddy_assigned_on', nullable: true }) buddyAssignedOn: string | null;
  @Column('timestamptz', { name: 'last_activity_at' }) lastActivityAt: Date;
}

@Entity('preparation_tasks')
export class PreparationTask {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'preparation_id' }) preparationId: string;
  @Column('text') kind: TaskKind;
  @Column('text', { name: 'owner_id', nullable: true }) ownerId: string | null;
  @Column('date', { name: 'started_on' }) startedOn: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('date', { name: 'done_on', nullable: true }) doneOn: string | null;
  @Column('text', { name: 'result_encrypted', nullable: true }) resultEncrypted: string | null;
  @Column('uuid', { name: 'neighbour_id', nullable: true }) neighbourId: string | null;
}

@Entity('buddy_contacts')
export class BuddyContact {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'preparation_id' }) preparationId: string;
  @Column('date', { name: 'contacted_on' }) contactedOn: string;
  @Column('text', { name: 'note_encrypted', nullable: true }) noteEncrypted: string | null;
  @Column('text', { name: 'logged_by' }) loggedBy: string;
}
