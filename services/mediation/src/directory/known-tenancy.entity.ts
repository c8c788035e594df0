import { Column, Entity, PrimaryColumn } from 'typeorm';

export type KnownTenancyStatus = 'active' | 'ending' | 'ended';

/** A tenancy as leases announced it. */
@Entity('known_tenancies')
export class KnownTenancy {
  @PrimaryColumn('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') reference: string;
  @Column('uuid', { name: 'landlord_id', nullable: true }) landlordId: string | null;
  @Column('date', { name: 'started_on', nullable: true }) startedOn: string | null;
  @Column('text') status: KnownTenancyStatus;
  @Column('int', { name: 'tenancy_version' }) tenancyVersion: number;
}
