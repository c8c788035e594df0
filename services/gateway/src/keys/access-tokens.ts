import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { Session } from '../sessions/session.entity';
import type { User } from '../users/domain/user.entity';
import { SigningKeys } from './signing-keys';

/** Signs access tokens: short-lived (ACCESS_TOKEN_TTL, at most 15 minutes), EdDSA with a key id. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly keys: SigningKeys,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async issue(user: User, session: Session): Promise<{ accessToken: string; expiresIn: number }> {
    const { kid, key } = await this.keys.active();
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      role: session.role,
      ...(session.role === 'landlord' && { landlordId: user.landlordId }),
      sid: session.id,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
      .setIssuer(this.config.AUTH_ISSUER)
      .setAudience(this.config.AUTH_AUDIENCE)
      .setSubject(user.id)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.config.ACCESS_TOKEN_TTL)
      .sign(key);
    return { accessToken, expiresIn: this.config.ACCESS_TOKEN_TTL };
  }
}
