import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/**
 * Argon2id (RFC 9106) with OWASP's recommended minimum by default: 19 MiB of memory, 2 passes,
 * 1 lane — about 30–60 ms on one core of a small server, slow enough to make offline guessing
 * expensive and fast enough that sign-in stays responsive under load (see the service README).
 * The parameters travel inside each hash, so raising them later re-hashes at the next sign-in.
 */
@Injectable()
export class PasswordHasher {
  /** Compared against when the account does not exist, so timing does not tell which accounts exist. */
  private dummyHash?: Promise<string>;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  hash(password: string): Promise<string> {
    return hash(password, this.options());
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      this.dummyHash ??= this.hash('no account has this password');
      await verify(await this.dummyHash, password);
      return false;
    }
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Whether a stored hash was made with weaker parameters than configured now. */
  needsRehash(passwordHash: string): boolean {
    const { memoryCost, timeCost, parallelism } = this.options();
    return !passwordHash.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
  }

  private options() {
    return {
      algorithm: Algorithm.Argon2id,
      memoryCost: this.config.ARGON2_MEMORY_KIB,
      timeCost: this.config.ARGON2_TIME_COST,
      parallelism: this.config.ARGON2_PARALLELISM,
    };
  }
}
