import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ConsentScope } from './household.entity';

export type ConsentGivenBy = 'applicant' | 'legal_guardian' | 'authorised_representative';

/** A record of consent to processing; a new one supersedes the one in force. */
@Entity('consents')
export class Consent {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text', { array: true }) scope: ConsentScope[];
  @Column('date', { name: 'given_on' }) givenOn: string;
  @Column('text', { name: 'given_by' }) givenBy: ConsentGivenBy;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @Column('text', { name: 'recorded_role' }) recordedRole: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason: 'withdrawn' | 'superseded' | null;
  @Column('text', { name: 'ended_by', nullable: true }) endedBy: string | null;
  @Column('text', { name: 'note_encrypted', nullable: true }) noteEncrypted: string | null;
}
