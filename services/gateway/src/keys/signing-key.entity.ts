import type { JWK } from 'jose';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A key pair the gateway signs access tokens with; the private half encrypted at rest. */
@Entity('signing_keys')
export class SigningKey {
  @PrimaryColumn('text') kid: string;
  @Column('text') algorithm: 'EdDSA';
  @Column('jsonb', { name: 'public_jwk' }) publicJwk: JWK;
  @Column('text', { name: 'private_key_encrypted' }) privateKeyEncrypted: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  /** Published from creation; used for signing from this instant (after services had time to fetch it). */
  @Column('timestamptz', { name: 'activates_at' }) activatesAt: Date;
  /** No longer published from this instant (every token it signed has expired by then). */
  @Column('timestamptz', { name: 'retires_at', nullable: true }) retiresAt: Date | null;
}
