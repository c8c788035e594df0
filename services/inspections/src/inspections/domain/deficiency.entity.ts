import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Severity } from './repair-deadlines';

/** How an open deficiency ended: a later passed inspection found it repaired, or a failed
 *  re-inspection took it over with its own findings and deadlines. */
export type DeficiencyResolution = 'cleared' | 'superseded';

/** A failed checklist item of a completed inspection, with its repair deadline. */
@Entity('deficiencies')
export class Deficiency {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'inspection_id' }) inspectionId: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('text', { name: 'item_code' }) itemCode: string;
  @Column('text', { name: 'area_code' }) areaCode: string;
  @Column('text') severity: Severity;
  @Column('text') note: string;
  @Column('text', { array: true }) photos: string[];
  @Column('timestamptz', { name: 'found_at' }) foundAt: Date;
  @Column('timestamptz', { name: 'deadline_at' }) deadlineAt: Date;
  /** Set once the deadline job has run for it, whatever it found: the job never acts twice. */
  @Column('timestamptz', { name: 'deadline_handled_at', nullable: true }) deadlineHandledAt: Date | null;
  @Column('boolean', { name: 'deadline_missed' }) deadlineMissed: boolean;
  @Column('text', { nullable: true }) resolution: DeficiencyResolution | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('uuid', { name: 'resolved_by_inspection_id', nullable: true }) resolvedByInspectionId: string | null;
}
