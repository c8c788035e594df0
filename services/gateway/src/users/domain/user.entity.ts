import type { Role } from '@hearth/auth';
import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { nextUserStatus, type UserStatus, type UserTransition } from './user-status';

export const LANGUAGES = ['en', 'fr', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A person who signs in: staff, caseworkers, inspectors, mediators, board members, landlords. */
@Entity('users')
export class User extends VersionedEntity {
  @Column('text') email: string;
  /** The address compared case-insensitively: one account per address. */
  @Column('text', { name: 'email_key' }) emailKey: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'preferred_language' }) preferredLanguage: Language;
  @Column('text', { array: true }) roles: Role[];
  @Column('text') status: UserStatus;
  /** A landlord user's landlord record (its tokens carry it as landlordId). Caseworkers and
   *  inspectors need no link: their caseload and agenda are keyed by their user id (`sub`). */
  @Column('uuid', { name: 'landlord_id', nullable: true }) landlordId: string | null;
  /** What an owner who signed up said they are, until the landlords service has their record. */
  @Column('text', { name: 'sign_up_kind', nullable: true }) signUpKind: 'individual' | 'company' | null;
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash: string | null;
  @Column('timestamptz', { name: 'password_changed_at', nullable: true }) passwordChangedAt: Date | null;
  @Column('text', { name: 'totp_secret_encrypted', nullable: true }) totpSecretEncrypted: string | null;
  /** A secret shown for enrolment, enabled once a code from it is confirmed. */
  @Column('text', { name: 'totp_pending_secret_encrypted', nullable: true }) totpPendingSecretEncrypted: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  @Column('bigint', { name: 'totp_last_step', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  totpLastStep: number | null;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  /** Sign-out everywhere: access tokens issued before this instant are refused at the front door. */
  @Column('timestamptz', { name: 'tokens_valid_after', nullable: true }) tokensValidAfter: Date | null;

  apply(transition: UserTransition): void {
    this.status = nextUserStatus(this.status, transition);
  }

  get totpEnabled(): boolean {
    return this.totpSecretEncrypted !== null;
  }

  /** Admins must use a second factor. */
  get totpRequired(): boolean {
    return this.roles.includes('sra_admin');
  }
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
