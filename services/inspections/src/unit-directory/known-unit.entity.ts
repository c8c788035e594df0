import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What inspections knows of a flat, built from hearth.units events only: who owns it (for a
 *  landlord's read access) and where it is (for the inspector's day list). */
@Entity('known_units')
export class KnownUnit {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('text') address: string;
  @Column('text', { name: 'postal_code' }) postalCode: string;
  @Column('text') city: string;
  @Column('text') district: string;
  @Column('text', { name: 'building_id' }) buildingId: string;
  @Column('boolean') withdrawn: boolean;
  /** The unit aggregate version last applied; older or repeated events are ignored. */
  @Column('int', { name: 'unit_version' }) unitVersion: number;
}
