import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type PaymentSource = 'staff' | 'bank_import' | 'benefit';

/** One line of a tenant's ledger: a monthly charge or a payment, always a positive amount of cents. */
@Entity('ledger_entries')
export class LedgerEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenancy_id' }) tenancyId: string;
  /** A credit takes back part of a month's charge (the final account of a tenancy ended within the month). */
  @Column('text') kind: 'charge' | 'payment' | 'credit';
  @Column('text', { nullable: true }) month: string | null;
  @Column('int', { name: 'amount_cents' }) amountCents: number;
  /** A charge's due date, a payment's day received. */
  @Column('date', { name: 'booked_on' }) bookedOn: string;
  @Column('text', { nullable: true }) source: PaymentSource | null;
  @Column('text', { name: 'bank_reference', nullable: true }) bankReference: string | null;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
