import { FieldCipher } from '@hearth/platform';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errors, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTVerifyGetKey } from 'jose';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../config';
import { SigningKey } from './signing-key.entity';

/** How long the keys read from the database are reused before reading them again. */
const CACHE_MS = 5_000;
/** Keeps a retired key published a little past the last expiry, for clocks that differ. */
const RETIREMENT_MARGIN_MS = 60_000;
const KEYS_LOCK = 7_740_001;

/**
 * The gateway's signing keys, kept in PostgreSQL (private halves encrypted with GATEWAY_DATA_KEY)
 * so every gateway instance signs with the same key and publishes the same set.
 *
 * Rotation without downtime: a new key is published at once but signs only from `activatesAt`
 * (KEY_PUBLISH_LEAD later), so services have fetched it before they meet a token it signed; the
 * old key stays published until every token it signed has expired (ACCESS_TOKEN_TTL later). During
 * the overlap the JWKS holds both. Rotation runs every KEY_ROTATION_DAYS, or when an admin asks.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SigningKeys.name);
  private cache?: { keys: SigningKey[]; readAt: number };
  private readonly privateKeys = new Map<string, Promise<CryptoKey>>();
  private readonly publicKeys = new Map<string, Promise<CryptoKey>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.withLock(async (manager) => {
      const now = new Date();
      const keys = await manager.find(SigningKey);
      if (!keys.some((key) => key.activatesAt <= now && (key.retiresAt === null || key.retiresAt > now))) {
        await this.createKey(manager, now);
        this.logger.log('created the first signing key');
      }
    });
    this.timer = setInterval(() => void this.rotateIfDue().catch((error: unknown) => this.logger.warn({ err: error }, 'automatic key rotation failed; retried later')), this.config.KEY_ROTATION_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Publishes a new key that signs from KEY_PUBLISH_LEAD on, and retires the others once their tokens have expired. */
  async rotate(): Promise<SigningKey> {
    const key = await this.withLock(async (manager) => {
      const now = new Date();
      const activatesAt = new Date(now.getTime() + this.config.KEY_PUBLISH_LEAD * 1000);
      const retiresAt = new Date(activatesAt.getTime() + this.config.ACCESS_TOKEN_TTL * 1000 + RETIREMENT_MARGIN_MS);
      await manager
        .createQueryBuilder()
        .update(SigningKey)
        .set({ retiresAt })
        .where('retires_at IS NULL OR retires_at > :retiresAt', { retiresAt })
        .execute();
      return this.createKey(manager, activatesAt);
    });
    this.cache = undefined;
    this.logger.log({ kid: key.kid, activatesAt: key.activatesAt }, 'signing key rotated');
    return key;
  }

  async rotateIfDue(): Promise<boolean> {
    const newest = (await this.keys()).reduce<SigningKey | undefined>((latest, key) => (!latest || key.createdAt > latest.createdAt ? key : latest), undefined);
    if (newest && Date.now() - newest.createdAt.getTime() < this.config.KEY_ROTATION_DAYS * 86_400_000) return false;
    await this.rotate();
    return true;
  }

  /** The keys the JWKS publishes: every key not yet retired, including one not yet signing. */
  async published(): Promise<SigningKey[]> {
    const now = new Date();
    return (await this.keys()).filter((key) => key.retiresAt === null || key.retiresAt > now);
  }

  /** The key that signs now: the most recently activated of the published keys. */
  async active(): Promise<{ kid: string; key: CryptoKey }> {
    const now = new Date();
    const active = (await this.published())
      .filter((key) => key.activatesAt <= now)
      .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())[0];
    if (!active) throw new Error('No active signing key');
    let privateKey = this.privateKeys.get(active.kid);
    if (!privateKey) {
      const jwk = this.cipher.decryptJson<JWK>(active.privateKeyEncrypted, privateKeyContext(active.kid));
      privateKey = importJWK(jwk, active.algorithm) as Promise<CryptoKey>;
      this.privateKeys.set(active.kid, privateKey);
    }
    return { kid: active.kid, key: await privateKey };
  }

  /** Resolves a token's key among the published ones, for the gateway's own token checks. */
  readonly verificationKey: JWTVerifyGetKey = async (header) => {
    const key = (await this.published()).find((candidate) => candidate.kid === header.kid);
    if (!key) throw new errors.JWKSNoMatchingKey();
    let publicKey = this.publicKeys.get(key.kid);
    if (!publicKey) {
      publicKey = importJWK(key.publicJwk, key.algorithm) as Promise<CryptoKey>;
      this.publicKeys.set(key.kid, publicKey);
    }
    return publicKey;
  };

  private async keys(): Promise<SigningKey[]> {
    if (!this.cache || Date.now() - this.cache.readAt > CACHE_MS) {
      this.cache = { keys: await this.dataSource.manager.find(SigningKey), readAt: Date.now() };
    }
    return this.cache.keys;
  }

  private async createKey(manager: EntityManager, activatesAt: Date): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const kid = `hearth-gw-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
    const key = manager.create(SigningKey, {
      kid,
      algorithm: 'EdDSA',
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' },
      privateKeyEncrypted: this.cipher.encryptJson(await exportJWK(privateKey), privateKeyContext(kid)),
      createdAt: new Date(),
      activatesAt,
      retiresAt: null,
    });
    await manager.insert(SigningKey, key);
    return key;
  }

  /** One gateway instance at a time creates or rotates keys. */
  private withLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK]);
      return work(manager);
    });
  }
}

const privateKeyContext = (kid: string) => `signing-key:${kid}:private`;
