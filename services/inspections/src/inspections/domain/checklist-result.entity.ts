import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ItemResult } from './outcome';
import { Severity } from './repair-deadlines';

/** What the inspector recorded for one checklist item; saved item by item, before completion. */
@Entity('checklist_results')
export class ChecklistResult {
  @PrimaryColumn('uuid', { name: 'inspection_id' }) inspectionId: string;
  @PrimaryColumn('text', { name: 'item_code' }) itemCode: string;
  @Column('text', { name: 'area_code' }) areaCode: string;
  @Column('text') result: ItemResult;
  @Column('text', { nullable: true }) severity: Severity | null;
  @Column('text', { nullable: true }) note: string | null;
  /** Ids of photos uploaded for the same inspection (the photos table); older answers may hold
   *  free references from before photos were uploaded here (decision 0017). */
  @Column('text', { array: true }) photos: string[];
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
}
