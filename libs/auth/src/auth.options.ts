import type { Type } from '@nestjs/common';
import type { JWTVerifyGetKey } from 'jose';

/** A provider that resolves the primary issuer's public keys itself. */
export interface OwnKeySource {
  verificationKey: JWTVerifyGetKey;
}

export interface AuthModuleOptions {
  /**
   * Where the primary issuer's public keys come from instead of AUTH_JWKS / AUTH_JWKS_URL: the
   * gateway, which is that issuer, reads its own keys without going through HTTP.
   */
  ownKeys?: Type<OwnKeySource>;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
