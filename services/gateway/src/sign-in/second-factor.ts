import { FieldCipher } from '@hearth/platform';
import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { User } from '../users/domain/user.entity';

const secretContext = (userId: string) => `user:${userId}:totp`;

/**
 * TOTP (RFC 6238: 6 digits, 30 s, SHA-1, as every authenticator app reads it). A code is accepted
 * from one step before to one after (clock drift), and never twice: the last accepted step is
 * stored on the user. Secrets are encrypted at rest with GATEWAY_DATA_KEY.
 */
@Injectable()
export class SecondFactor {
  constructor(
    private readonly cipher: FieldCipher,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Starts enrolment: a new secret kept pending on the user until a code from it is confirmed. */
  startEnrolment(user: User): { secret: string; otpauthUri: string } {
    const secret = generateSecret();
    user.totpPendingSecretEncrypted = this.cipher.encrypt(secret, secretContext(user.id));
    return { secret, otpauthUri: generateURI({ issuer: this.config.TOTP_ISSUER, label: user.email, secret }) };
  }

  /** Checks a code against the enabled secret; on success remembers its step. */
  verify(user: User, code: string): boolean {
    return this.check(user, user.totpSecretEncrypted, code);
  }

  /** Confirms enrolment with a code from the pending secret: the second factor is on from now. */
  confirmEnrolment(user: User, code: string): boolean {
    if (!this.check(user, user.totpPendingSecretEncrypted, code)) return false;
    user.totpSecretEncrypted = user.totpPendingSecretEncrypted;
    user.totpPendingSecretEncrypted = null;
    return true;
  }

  private check(user: User, encrypted: string | null, code: string): boolean {
    if (!encrypted || !/^\d{6}$/.test(code)) return false;
    const secret = this.cipher.decrypt(encrypted, secretContext(user.id));
    const result = verifySync({ secret, token: code, epochTolerance: 30, ...(user.totpLastStep !== null && { afterTimeStep: user.totpLastStep }) });
    if (!result.valid) return false;
    user.totpLastStep = (result as { timeStep: number }).timeStep;
    return true;
  }
}
