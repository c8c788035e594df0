import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';

/** Opened automatically when a tenancy gathers too many complaints in the window. */
@Entity('case_reviews')
export class CaseReview extends VersionedEntity {
  @Column('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'household_id', nullable: true }) householdId: string | null;
  @Column('int') complaints: number;
  @Column('text') status: 'open' | 'resolved';
  @Column('date', { name: 'opened_on' }) openedOn: string;
  @Column('date', { name: 'resolved_on', nullable: true }) resolvedOn: string | null;
  @Column('text', { name: 'resolution_encrypted', nullable: true }) resolutionEncrypted: string | null;
}
