import { VersionedEntity } from '@hearth/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { AgreementCoverage } from '../../directory/known-records.entity';

export type Scheme = 'head_lease' | 'management_mandate' | 'direct_let';

/** The owner-side contract of one flat, from the landlord's agreement: what the agency owes each month. */
@Entity('head_leases')
export class HeadLease extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('uuid', { name: 'agreement_id' }) agreementId: string;
  @Column('text') scheme: Scheme;
  @Column('int', { name: 'guaranteed_rent_cents' }) guaranteedRentCents: number;
  @Column('int', { name: 'management_fee_cents' }) managementFeeCents: number;
  @Column('jsonb', { nullable: true }) coverage: AgreementCoverage | null;
  @Column('int', { name: 'loan_principal_cents' }) loanPrincipalCents: number;
  @Column('int', { name: 'loan_monthly_cents' }) loanMonthlyCents: number;
  /** The day the renovation loan was lent (its head lease's start); null without a loan. */
  @Column('date', { name: 'loan_disbursed_on', nullable: true }) loanDisbursedOn: string | null;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  @Column('text') status: 'active' | 'ended';
}

/** One month of the owner's side of a head lease. */
@Entity('owner_months')
export class OwnerMonthRecord {
  @PrimaryColumn('uuid', { name: 'head_lease_id' }) headLeaseId: string;
  @PrimaryColumn('text') month: string;
  @Column('int', { name: 'guaranteed_rent_cents' }) guaranteedRentCents: number;
  @Column('int', { name: 'loan_repayment_cents' }) loanRepaymentCents: number;
  @Column('int', { name: 'management_fee_cents' }) managementFeeCents: number;
  @Column('int', { name: 'due_cents' }) dueCents: number;
  @Column('boolean') vacant: boolean;
  @Column('int', { name: 'paid_cents' }) paidCents: number;
  @Column('date', { name: 'paid_on', nullable: true }) paidOn: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

/** Part or all of the renovation loan repaid by the owner ahead of its schedule. */
@Entity('loan_early_repayments')
export class LoanEarlyRepaymentRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'head_lease_id' }) headLeaseId: string;
  @Column('date', { name: 'repaid_on' }) repaidOn: string;
  @Column('int', { name: 'amount_cents' }) amountCents: number;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
