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

  @Column('text')
  name: string;

  @Column('text', { name: 'company_number', nullable: true })
  companyNumber: string | null;

  @Column('jsonb')
  contact: LandlordContact;

  @Column('text', { name: 'preferred_language' })
  preferredLanguage: string;

  /** AES-256-GCM ciphertext; only the masked form ever leaves the service. */
  @Column('text', { name: 'bank_account_encrypted' })
  bankAccountEncrypted: string;

  @Column('text', { name: 'bank_account_masked' })
  bankAccountMasked: string;

  @Column('text')
  status: LandlordStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  apply(transition: LandlordTransition, reason: string | null = null): void {
    this.status = nextLandlordStatus(this.status, transition);
    this.statusReason = reason;
  }

  get isActive(): boolean {
    return this.status === 'active';
  }
}
