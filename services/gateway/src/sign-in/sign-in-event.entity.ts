import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SIGN_IN_OUTCOMES = [
  'signed_in',
  'wrong_password',
  'unknown_account',
  'account_locked',
  'account_inactive',
  'role_not_held',
  'address_throttled',
  'totp_required',
  'totp_enrolment_required',
  'totp_wrong',
  'refreshed',
  'refresh_token_reused',
  'signed_out',
  'signed_out_everywhere',
  'password_reset',
  'password_changed',
  'email_confirmed',
] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/** The audit log of sign-ins, failures and session events. */
@Entity('sign_in_events')
export class SignInEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' }) occurredAt: Date;
  @Column('text') outcome: SignInOutcome;
  @Column('uuid', { name: 'user_id', nullable: true }) userId: string | null;
  /** The address typed at sign-in (lower case), kept for failures on unknown accounts too. */
  @Column('text', { name: 'email_key', nullable: true }) emailKey: string | null;
  @Column('text', { nullable: true }) address: string | null;
  @Column('text', { name: 'user_agent', nullable: true }) userAgent: string | null;
  @Column('uuid', { name: 'session_id', nullable: true }) sessionId: string | null;
}
