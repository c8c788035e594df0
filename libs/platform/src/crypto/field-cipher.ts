import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Marks the format (AES-256-GCM, nonce ‖ tag ‖ ciphertext, base64url) so it can evolve. */
const PREFIX = 'f1.';

/** A value that cannot be decrypted: wrong key, tampered, moved to another field, or not a token.
 *  The message never contains the value. */
export class FieldDecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt field: ${reason}`);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * Encrypts single fields at rest with AES-256-GCM and a random 96-bit nonce per value (safe for
 * far more values than a service stores under one key). A `context` (e.g. `household:<id>:contact`)
 * is bound as additional authenticated data, so a ciphertext copied into another row or column
 * does not decrypt. Stored as `f1.` + base64url(nonce ‖ tag ‖ ciphertext).
 *
 * The key is 32 random bytes, base64-encoded (`openssl rand -base64 32`). `deriveKey(purpose)`
 * gives independent sub-keys (HKDF-SHA256) for other uses of the same secret, such as keyed
 * hashes for searching encrypted values, so one key is never used for two algorithms.
 */
export class FieldCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== base64Key.trim()) {
      throw new Error('The field encryption key must be 32 bytes, base64-encoded');
    }
    this.key = key;
  }

  encrypt(plain: string, context = ''): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
  }

  decrypt(token: string, context = ''): string {
    if (!token.startsWith(PREFIX)) throw new FieldDecryptionError('unknown format');
    const data = Buffer.from(token.slice(PREFIX.length), 'base64url');
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new FieldDecryptionError('too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('authentication failed (wrong key, context or tampered value)');
    }
  }

  encryptJson(value: unknown, context = ''): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(token: string, context = ''): T {
    return JSON.parse(this.decrypt(token, context)) as T;
  }

  /** A 32-byte sub-key for another purpose (HKDF-SHA256 of the field key, `purpose` as info). */
  deriveKey(purpose: string): Buffer {
    if (!purpose) throw new Error('A derived key needs a purpose');
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.from('hearth-field-cipher'), Buffer.from(purpose, 'utf8'), KEY_BYTES));
  }
}
