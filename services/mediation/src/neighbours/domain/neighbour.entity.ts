import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';

/** What is personal about a neighbour (neighbours.personal_encrypted). */
export interface NeighbourDetails {
  fullName: string;
  phone: string | null;
  email: string | null;
  /** Where they live, e.g. "2nd floor left". */
  flatLabel: string | null;
  notes: string | null;
}

/** A neighbour of a flat the agency lets; personal data lives only here, encrypted. */
@Entity('neighbours')
export class Neighbour extends VersionedEntity {
  @Column('uuid', { name: 'unit_id', nullable: true }) unitId: string | null;
  @Column('text', { name: 'building_id', nullable: true }) buildingId: string | null;
  @Column('text', { name: 'personal_encrypted', nullable: true }) personalEncrypted: string | null;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('date', { name: 'erased_on', nullable: true }) erasedOn: string | null;
}
