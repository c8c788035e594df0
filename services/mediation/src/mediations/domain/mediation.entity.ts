import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The escalation ladder, in order; a case may skip steps but never goes back down. */
export const MEDIATION_STEPS = ['house_rules_reminder', 'phone_call', 'visit_by_two_mediators', 'joint_meeting', 'committee'] as const;
export type MediationStep = (typeof MEDIATION_STEPS)[number];
export const SESSION_RESULTS = ['resolved', 'partly_resolved', 'not_resolved', 'no_show'] as const;
export const MEDIATION_OUTCOMES = ['dialogue_restored', 'complaints_stopped', 'resolved_by_transfer', 'failure', 'withdrawn'] as const;
export const EXCLUSIONS = ['ongoing_court_case', 'criminal_proceedings', 'party_refused', 'other'] as const;
export const COMMITTEE_ROLES = ['chair', 'member', 'secretary'] as const;
export const COMMITTEE_MEMBER_KINDS = ['staff', 'mediator', 'volunteer', 'neighbour'] as const;
export const COMMITTEE_DECISIONS = ['agreement_proposed', 'warning', 'transfer_recommended', 'no_further_action', 'referred_elsewhere'] as const;
export const FOLLOW_UP_RESULTS = ['kept', 'partly_kept', 'broken'] as const;

@Entity('mediations')
export class Mediation extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'tenancy_id', nullable: true }) tenancyId: string | null;
  @Column('uuid', { name: 'household_id', nullable: true }) householdId: string | null;
  @Column('uuid', { name: 'landlord_id', nullable: true }) landlordId: string | null;
  @Column('text') status: 'open' | 'agreement' | 'closed';
  @Column('text', { name: 'current_step', nullable: true }) currentStep: MediationStep | null;
  @Column('text', { name: 'mediator_ids', array: true }) mediatorIds: string[];
  @Column('date', { name: 'opened_on' }) openedOn: string;
  @Column('text', { nullable: true }) outcome: (typeof MEDIATION_OUTCOMES)[number] | null;
  @Column('text', { nullable: true }) exclusion: (typeof EXCLUSIONS)[number] | null;
  @Column('date', { name: 'closed_on', nullable: true }) closedOn: string | null;
  @Column('text', { name: 'committee_decision', nullable: true }) committeeDecision: (typeof COMMITTEE_DECISIONS)[number] | null;
  @Column('date', { name: 'committee_decided_on', nullable: true }) committeeDecidedOn: string | null;
  @Column('text', { name: 'committee_reasons_encrypted', nullable: true }) committeeReasonsEncrypted: string | null;
  @Column('timestamptz', { name: 'last_activity_at' }) lastActivityAt: Date;
}

@Entity('mediation_sessions')
export class MediationSession {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'mediation_id' }) mediationId: string;
  @Column('text') step: MediationStep;
  @Column('date', { name: 'held_on' }) heldOn: string;
  @Column('int') attendees: number;
  @Column('text') result: (typeof SESSION_RESULTS)[number];
  @Column('text', { name: 'notes_encrypted', nullable: true }) notesEncrypted: string | null;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
}

@Entity('committee_members')
export class CommitteeMember {
  @PrimaryColumn('uuid', { name: 'mediation_id' }) mediationId: string;
  /** A user id (staff, mediator, volunteer) or a neighbour record id. */
  @PrimaryColumn('text', { name: 'member_ref' }) memberRef: string;
  @Column('text') kind: (typeof COMMITTEE_MEMBER_KINDS)[number];
  @Column('text') role: (typeof COMMITTEE_ROLES)[number];
}

@Entity('mediation_agreements')
export class MediationAgreement {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'mediation_id' }) mediationId: string;
  @Column('date', { name: 'reached_on' }) reachedOn: string;
  @Column('text', { name: 'commitments_encrypted', nullable: true }) commitmentsEncrypted: string | null;
  @Column('int') commitments: number;
  @Column('date', { name: 'follow_up_on' }) followUpOn: string;
  @Column('date', { name: 'followed_up_on', nullable: true }) followedUpOn: string | null;
  @Column('text', { name: 'follow_up_result', nullable: true }) followUpResult: (typeof FOLLOW_UP_RESULTS)[number] | null;
  @Column('text', { name: 'follow_up_notes_encrypted', nullable: true }) followUpNotesEncrypted: string | null;
}
