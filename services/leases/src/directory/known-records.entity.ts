import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A landlord as hearth.landlords announced it: the version applied (events per landlord are ordered by it) and the language of the owner's documents (a code; null until heard). */
@Entity('known_landlords')
export class KnownLandlord {
  @PrimaryColumn('uuid') id: string;
  @Column('int', { name: 'landlord_version' }) landlordVersion: number;
  @Column('text', { name: 'preferred_language', nullable: true }) preferredLanguage: string | null;
}

export interface AgreementCoverage {
  rentArrears: boolean;
  vacancy: boolean;
  damageCapCents: number;
  legalCosts: boolean;
}

export interface LoanTerms {
  principalCents: number;
  monthlyCents: number;
}

/** A signed agreement of a landlord, its terms in cents. Coverage and loan are null when only a v1 event told us of it. */
@Entity('known_agreements')
export class KnownAgreement {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('text') scheme: 'head_lease' | 'management_mandate' | 'direct_let';
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  @Column('int', { name: 'guaranteed_rent_cents' }) guaranteedRentCents: number;
  @Column('jsonb', { nullable: true }) coverage: AgreementCoverage | null;
  @Column('jsonb', { name: 'renovation_loan', nullable: true }) renovationLoan: LoanTerms | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @Column('timestamptz', { name: 'signed_at' }) signedAt: Date;
}

/** A flat as hearth.units announced it: its landlord and asking rent (cents). */
@Entity('known_units')
export class KnownUnit {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('int', { name: 'rent_cents' }) rentCents: number;
  @Column('int', { name: 'service_charges_cents' }) serviceChargesCents: number;
  @Column('date', { name: 'available_from', nullable: true }) availableFrom: string | null;
  @Column('int', { name: 'unit_version' }) unitVersion: number;
  /** The flat became available once: it is in the scheme and has (or is owed) a head lease. */
  @Column('boolean', { name: 'in_scheme', default: false }) inScheme: boolean;
}

/** A household's caseworker as hearth.applicants announced it (a staff user id, never personal data): who may read its tenancy. */
@Entity('known_households')
export class KnownHousehold {
  @PrimaryColumn('uuid', { name: 'household_id' }) householdId: string;
  @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId: string | null;
  @Column('int', { name: 'household_version' }) householdVersion: number;
}
