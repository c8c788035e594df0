import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InspectionHistoryAction =
  | 'requested'
  | 'scheduled'
  | 'rescheduled'
  | 'no_access'
  | 'completed'
  | 'cancelled'
  | 'repair_deadline_missed';

/** Every step of an inspection, who took it and any note (e.g. why there was no access). */
@Entity('inspection_history')
export class InspectionHistoryEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) seq: string;
  @Column('uuid', { name: 'inspection_id' }) inspectionId: string;
  @Column('timestamptz') at: Date;
  @Column('text') action: InspectionHistoryAction;
  @Column('text', { name: 'actor_id' }) actorId: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text', { name: 'inspector_id', nullable: true }) inspectorId: string | null;
  @Column('timestamptz', { name: 'scheduled_at', nullable: true }) scheduledAt: Date | null;
}
