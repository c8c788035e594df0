import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Instalment } from '../../payment-plans/domain/payment-plan';
import { ClaimDecision, ClaimKind, ClaimStatus, Deficiencies } from './claim-rules';

/** What a claim carries as evidence, frozen when it is opened (and extended as months are added). */
export interface ClaimEvidence {
  /** The tenancy's ledger when the claim was opened: charges, payments and credits in order. */
  ledger?: { kind: string; month: string | null; bookedOn: string; amountCents: number }[];
  /** Notices sent to the household (reminder, formal notice) with their dates. */
  notices?: { kind: string; sentOn: string; payBy: string | null; arrearsCents: number }[];
  /** The inspections compared (damage). */
  inspections?: { inspectionId: string; type: string; completedAt: string; deficiencies: Deficiencies }[];
  /** How a damage claim was worked out. */
  damage?: { newDeficiencies: Deficiencies | null; grossCents: number; occupationMonths: number; wearBasisPointsPerYear: number; wearCents: number; capCents: number };
  /** The empty period and its guaranteed rent by month (vacancy). */
  vacancy?: { from: string; to: string; months: { month: string; days: number; amountCents: number }[] };
  /** What the staff member said the costs were (legal costs). */
  description?: string;
}

/** A guarantee claim of one tenancy (its events share the tenancy's key and version). */
@Entity('guarantee_claims')
export class GuaranteeClaim {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('uuid', { name: 'head_lease_id' }) headLeaseId: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('text') kind: ClaimKind;
  @Column('text') status: ClaimStatus;
  @Column('int', { name: 'amount_cents' }) amountCents: number;
  @Column('date', { name: 'opened_on' }) openedOn: string;
  /** The day by which the claim had to be filed (arrears: established + 30 days); null for other kinds. */
  @Column('date', { name: 'file_by', nullable: true }) fileBy: string | null;
  @Column('boolean', { name: 'filed_late' }) filedLate: boolean;
  @Column('jsonb') evidence: ClaimEvidence;
  @Column('uuid', { name: 'source_inspection_id', nullable: true }) sourceInspectionId: string | null;
  @Column('date', { name: 'submitted_on', nullable: true }) submittedOn: string | null;
  @Column('text', { nullable: true }) decision: ClaimDecision | null;
  @Column('int', { name: 'approved_cents', nullable: true }) approvedCents: number | null;
  @Column('jsonb', { name: 'decision_reasons', nullable: true }) decisionReasons: string[] | null;
  @Column('date', { name: 'decided_on', nullable: true }) decidedOn: string | null;
  @Column('date', { name: 'paid_on', nullable: true }) paidOn: string | null;
  /** Of the approved amount paid: what went to the owner, and what the agency kept for days the guaranteed rent already covered (decision 0026). Null until paid. */
  @Column('int', { name: 'owner_cents', nullable: true }) ownerCents: number | null;
  @Column('int', { name: 'agency_cents', nullable: true }) agencyCents: number | null;
  /** How the household repays what the guarantee paid: a payment plan on its ledger (arrears) or instalments of the claim (damage, legal costs). */
  @Column('jsonb', { nullable: true }) recovery: { planId: string | null; totalCents: number; instalments: Instalment[]; agreedOn: string } | null;
  @Column('text', { name: 'opened_by' }) openedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A month of rent claimed by an arrears claim: each month is claimed once per tenancy. */
@Entity('claim_months')
export class ClaimMonth {
  @PrimaryColumn('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @PrimaryColumn('text') month: string;
  @Column('uuid', { name: 'claim_id' }) claimId: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('int', { name: 'amount_cents' }) amountCents: number;
  @Column('date', { name: 'added_on' }) addedOn: string;
  /** Added after its deadline (due date + 30 days), e.g. after the service was down. */
  @Column('boolean') late: boolean;
}

/** A notice sent to a household on the arrears ladder: the evidence of a claim. */
@Entity('arrears_notices')
export class ArrearsNotice {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('text') kind: 'reminder' | 'formal_notice';
  @Column('date', { name: 'sent_on' }) sentOn: string;
  @Column('date', { name: 'pay_by', nullable: true }) payBy: string | null;
  @Column('int', { name: 'arrears_cents' }) arrearsCents: number;
  /** The formal notice was sent after its deadline (established + 15 days). */
  @Column('boolean') late: boolean;
}

/** A completed inspection of a flat as hearth.inspections announced it (counts only, never notes). */
@Entity('unit_inspections')
export class UnitInspection {
  @PrimaryColumn('uuid', { name: 'inspection_id' }) inspectionId: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('text', { name: 'inspection_type' }) inspectionType: string;
  @Column('timestamptz', { name: 'completed_at' }) completedAt: Date;
  @Column('jsonb') deficiencies: Deficiencies;
}
