import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ArrearsAgeing, ArrearsStage } from '../../ledger/domain/ledger';
import { nextTenancyStatus, TenancyStatus, TenancyTransition } from './tenancy-status';

export type GivenBy = 'household' | 'agency' | 'landlord';
export type DepositKind = 'none' | 'deposit' | 'guarantee';

const bigint = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** The household-side contract: who lives in which flat, for what rent, from when to when. */
@Entity('tenancies')
export class Tenancy extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') reference: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('uuid', { name: 'head_lease_id', nullable: true }) headLeaseId: string | null;
  @Column('uuid', { name: 'offer_id', nullable: true }) offerId: string | null;
  @Column('text') status: TenancyStatus;
  /** With a head lease the agency is the legal landlord (it sublets); otherwise the owner is. */
  @Column('text', { name: 'legal_landlord' }) legalLandlord: 'agency' | 'owner';
  @Column('int', { name: 'rent_cents' }) rentCents: number;
  @Column('int', { name: 'service_charges_cents' }) serviceChargesCents: number;
  @Column('int', { name: 'benefit_cents' }) benefitCents: number;
  @Column('int', { name: 'deposit_cents' }) depositCents: number;
  @Column('text', { name: 'deposit_kind' }) depositKind: DepositKind;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date', nullable: true }) endDate: string | null;
  /** The household's documents are printed in it (decision 0029); null: the configured default. */
  @Column('text', { name: 'document_language', nullable: true }) documentLanguage: 'en' | 'fr' | 'nl' | null;
  @Column('date', { name: 'signed_on', nullable: true }) signedOn: string | null;
  @Column('date', { name: 'activated_on', nullable: true }) activatedOn: string | null;
  @Column('date', { name: 'notice_given_on', nullable: true }) noticeGivenOn: string | null;
  @Column('text', { name: 'notice_given_by', nullable: true }) noticeGivenBy: GivenBy | null;
  @Column('date', { name: 'ends_on', nullable: true }) endsOn: string | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason: string | null;
  @Column('bigint', { name: 'balance_cents', transformer: bigint }) balanceCents: number;
  @Column('text', { name: 'arrears_ageing' }) arrearsAgeing: ArrearsAgeing;
  @Column('text', { name: 'arrears_stage', nullable: true }) arrearsStage: ArrearsStage | null;
  /** The day the arrears were last established (the claim engine's deadlines count from it); null when not established. */
  @Column('date', { name: 'arrears_established_on', nullable: true }) arrearsEstablishedOn: string | null;
  /** The base of the tenancy's structured communication (given by the database on insert). */
  @Column({ type: 'bigint', name: 'payment_reference_base', insert: false, update: false, transformer: bigint }) paymentReferenceBase: number;

  apply(transition: TenancyTransition): void {
    this.status = nextTenancyStatus(this.status, transition);
  }

  /** The last day rent is owed for: the day it ended, the day notice ends it, or its end date. */
  get lastDay(): string | null {
    return this.endedOn ?? this.endsOn ?? this.endDate;
  }
}

export type HistoryAction = 'drafted' | 'completed' | 'signed' | 'started' | 'renewed' | 'notice_given' | 'ended' | 'cancelled' | 'payment_recorded' | 'payment_plan_agreed';

@Entity('tenancy_history')
export class TenancyHistoryEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'tenancy_id' }) tenancyId: string;
  @Column('timestamptz') at: Date;
  @Column('text') action: HistoryAction;
  @Column('text', { name: 'actor_id' }) actorId: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
  @Column('jsonb') details: Record<string, unknown>;
}
