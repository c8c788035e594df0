import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { LandlordStatus, LandlordTransition, nextLandlordStatus } from './landlord-status';

export type LandlordKind = 'individual' | 'company';

export interface LandlordContact {
  email: string;
  phone: string | null;
  postalAddress: string | null;
}

/** An owner who lets flats through the agency. The aggregate root of its agreements: signing
 *  or ending one bumps the landlord's version, so its events stay in one ordered stream. */
@Entity('landlords')
export class Landlord extends VersionedEntity {
  @Column('text')
  kind: LandlordKind;

  /** Null for an owner who signed up and has not given their details yet (as contact and bank account). */
  @Column('text', { nullable: true })
  name: string | null;

  @Column('text', { name: 'company_number', nullable: true })
  companyNumber: string | null;

  @Column('jsonb', { nullable: true })
  contact: LandlordContact | null;

  @Column('text', { name: 'preferred_language' })
  preferredLanguage: string;

  /** AES-256-GCM ciphertext; only the masked form ever leaves the service. */
  @Column('text', { name: 'bank_account_encrypted', nullable: true })
  bankAccountEncrypted: string | null;

  @Column('text', { name: 'bank_account_masked', nullable: true })
  bankAccountMasked: string | null;

  @Column('text')
  status: LandlordStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  apply(transition: LandlordTransition, reason: string | null = null): void {
    this.status = nextLandlordStatus(this.status, transition);
    this.statusReason = reason;
  }

  /** Whether staff have what they need to verify the owner. */
  get hasDetails(): boolean {
    return this.name !== null && this.contact !== null && this.bankAccountEncrypted !== null;
  }

  get isActive(): boolean {
    return this.status === 'active';
  }
}
