import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A task for staff: a contract ends soon — renew it or prepare the end. One per contract, end date and threshold. */
@Entity('renewal_reminders')
export class RenewalReminder {
  @PrimaryColumn('text') contract: 'tenancy' | 'head_lease';
  @PrimaryColumn('uuid', { name: 'contract_id' }) contractId: string;
  @PrimaryColumn('date', { name: 'end_date' }) endDate: string;
  @PrimaryColumn('int', { name: 'days_before' }) daysBefore: number;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('date', { name: 'raised_on' }) raisedOn: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
