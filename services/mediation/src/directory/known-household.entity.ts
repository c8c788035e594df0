import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A household as applicants announced it: its reference and its caseworker (no personal data). */
@Entity('known_households')
export class KnownHousehold {
  @PrimaryColumn('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') reference: string;
  @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId: string | null;
  @Column('int', { name: 'household_version' }) householdVersion: number;
}
