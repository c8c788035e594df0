import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One value of an index series (the series is data, loaded by staff): exact decimal, as published. */
@Entity('index_values')
export class IndexValue {
  @PrimaryColumn('text') series: string;
  @PrimaryColumn('text') month: string;
  /** numeric(10,2), read back as its exact text. */
  @Column('numeric', { precision: 10, scale: 2 }) value: string;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
}

/** A tenancy's rent indexed on an anniversary: the history of every rent, with the formula's inputs. */
@Entity('rent_indexations')
export class RentIndexation {
  @PrimaryColumn('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @PrimaryColumn('date') anniversary: string;
  @Column('date', { name: 'effective_on' }) effectiveOn: string;
  @Column('int', { name: 'previous_rent_cents' }) previousRentCents: number;
  @Column('int', { name: 'new_rent_cents' }) newRentCents: number;
  @Column('int', { name: 'base_rent_cents' }) baseRentCents: number;
  @Column('text') series: string;
  @Column('text', { name: 'base_month' }) baseMonth: string;
  @Column('numeric', { name: 'base_index', precision: 10, scale: 2 }) baseIndex: string;
  @Column('text', { name: 'new_month' }) newMonth: string;
  @Column('numeric', { name: 'new_index', precision: 10, scale: 2 }) newIndex: string;
  @Column('date', { name: 'applied_on' }) appliedOn: string;
}
