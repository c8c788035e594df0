import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RiskFactor = 'arrears' | 'broken_payment_plan' | 'open_complaints' | 'missed_support_contacts' | 'unresolved_case_review';

export interface RiskContribution {
  factor: RiskFactor;
  contribution: number;
  /** What the points stand for, e.g. "2 open complaints (high, medium)". */
  detail: string;
}

/** The risk signal of one tenancy (id = tenancyId). */
@Entity('tenancy_risks')
export class TenancyRisk extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') reference: string;
  @Column('int') score: number;
  @Column('boolean', { name: 'at_risk' }) atRisk: boolean;
  @Column('jsonb') factors: RiskContribution[];
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}

/** What leases said about a tenancy's arrears. */
@Entity('tenancy_arrears')
export class TenancyArrears {
  @PrimaryColumn('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('boolean') established: boolean;
  @Column('boolean', { name: 'broken_payment_plan' }) brokenPaymentPlan: boolean;
  @Column('int', { name: 'tenancy_version' }) tenancyVersion: number;
}
