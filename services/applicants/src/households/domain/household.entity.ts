import { numericColumn, VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { HouseholdComposition, householdSize } from './household-composition';
import { HouseholdStatus, HouseholdTransition, isClosed, nextHouseholdStatus, PausableStatus } from './household-status';

export const SUPPORT_PROGRAMMES = ['housing_first', 'housing_led', 'rapid_rehousing'] as const;
export type SupportProgramme = (typeof SUPPORT_PROGRAMMES)[number];
export const CONSENT_SCOPES = ['processing', 'matching', 'sharing_with_support_services'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export type MaxRentBasis = 'rule' | 'set';


/**
 * A household applying for a home: the aggregate root of its consents, needs, assessments and
 * board decisions (each change bumps its version, so its events form one ordered stream).
 * Personal data is only in the `*Encrypted` columns; everything in clear is pseudonymous.
 */
@Entity('households')
export class Household extends VersionedEntity implements HouseholdComposition {
  @Column('text') reference: string;
  @Column('text') programme: SupportProgramme;
  @Column('text') status: HouseholdStatus;
  @Column('text', { name: 'paused_from', nullable: true }) pausedFrom: PausableStatus | null;
  /** The offer an offered household is waiting on (set by matching's events). */
  @Column('uuid', { name: 'current_offer_id', nullable: true }) currentOfferId: string | null;
  /** A reason code (never free text); the free-text note is in statusNoteEncrypted. */
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('text', { name: 'status_note_encrypted', nullable: true }) statusNoteEncrypted: string | null;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt: Date;
  @Column('timestamptz', { name: 'waitlisted_at', nullable: true }) waitlistedAt: Date | null;

  @Column('int') adults: number;
  @Column('int') couples: number;
  @Column('int', { name: 'children_ages', array: true }) childrenAges: number[];
  @Column('int', { name: 'household_size' }) householdSize: number;

  @Column('int', { name: 'bedrooms_by_rule' }) bedroomsByRule: number;
  @Column('int', { name: 'bedrooms_override', nullable: true }) bedroomsOverride: number | null;
  @Column('int', { name: 'bedrooms_needed' }) bedroomsNeeded: number;
  @Column('boolean') wheelchair: boolean;
  @Column('boolean', { name: 'step_free' }) stepFree: boolean;
  @Column('boolean') pets: boolean;
  @Column('numeric', { name: 'max_rent', precision: 10, scale: 2, nullable: true, transformer: numericColumn }) maxRent: number | null;
  @Column('text', { name: 'max_rent_basis', nullable: true }) maxRentBasis: MaxRentBasis | null;
  @Column('text', { name: 'preferred_districts', array: true }) preferredDistricts: string[];
  @Column('text', { name: 'excluded_districts', array: true }) excludedDistricts: string[];
  @Column('timestamptz', { name: 'needs_recorded_at', nullable: true }) needsRecordedAt: Date | null;
  /** Reasons for the bedroom override and district exclusions, income and benefits. */
  @Column('text', { name: 'needs_encrypted', nullable: true }) needsEncrypted: string | null;

  @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId: string | null;
  /** The scopes of the consent in force; empty when there is none. */
  @Column('text', { name: 'consent_scope', array: true }) consentScope: ConsentScope[];

  @Column('uuid', { name: 'current_assessment_id', nullable: true }) currentAssessmentId: string | null;
  @Column('numeric', { name: 'assessment_score', precision: 4, scale: 1, nullable: true, transformer: numericColumn }) assessmentScore: number | null;
  @Column('numeric', { precision: 4, scale: 1, nullable: true, transformer: numericColumn }) priority: number | null;
  /** The score breakdown names vulnerabilities (health, domestic violence…): encrypted too. */
  @Column('text', { name: 'priority_breakdown_encrypted', nullable: true }) priorityBreakdownEncrypted: string | null;
  @Column('int', { name: 'policy_version', nullable: true }) policyVersion: number | null;
  @Column('boolean') urgent: boolean;
  @Column('numeric', { name: 'board_adjustment', precision: 5, scale: 1, transformer: numericColumn }) boardAdjustment: number;

  /** Primary contact, referral, legal status and notes. */
  @Column('text', { name: 'personal_encrypted', nullable: true }) personalEncrypted: string | null;
  /** Keyed hash of normalised name + date of birth, to find duplicates without decrypting. */
  @Column('text', { name: 'duplicate_key', nullable: true }) duplicateKey: string | null;
  @Column('text', { name: 'different_person_confirmed_by', nullable: true }) differentPersonConfirmedBy: string | null;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt: Date | null;

  apply(transition: HouseholdTransition, reason: string | null = null): void {
    const next = nextHouseholdStatus(this.status, transition, this.pausedFrom);
    if (transition === 'pause') this.pausedFrom = this.status as PausableStatus;
    if (transition === 'resume') this.pausedFrom = null;
    if (next === 'waitlisted' && !this.waitlistedAt) this.waitlistedAt = new Date();
    this.status = next;
    if (transition !== 'assess') this.statusReason = reason;
  }

  setComposition(composition: HouseholdComposition, bedroomsByRule: number): void {
    this.adults = composition.adults;
    this.couples = composition.couples;
    this.childrenAges = [...composition.childrenAges];
    this.householdSize = householdSize(composition);
    this.bedroomsByRule = bedroomsByRule;
    this.bedroomsNeeded = this.bedroomsOverride ?? bedroomsByRule;
  }

  get isClosed(): boolean {
    return isClosed(this.status);
  }

  get isErased(): boolean {
    return this.erasedAt !== null;
  }

  hasConsent(...scopes: ConsentScope[]): boolean {
    return scopes.every((scope) => this.consentScope.includes(scope));
  }

  /** Waitlisted or offered: in the pool matching works on, so its attribute changes are published. */
  get isInMatchingPool(): boolean {
    return this.status === 'waitlisted' || this.status === 'offered';
  }
}
