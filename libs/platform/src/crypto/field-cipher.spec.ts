import { createDecipheriv, randomBytes } from 'node:crypto';
import { FieldCipher, FieldDecryptionError } from './field-cipher';

const aKey = () => randomBytes(32).toString('base64');

function payloadOf(token: string): Buffer {
  return Buffer.from(token.slice('f1.'.length), 'base64url');
}

describe('FieldCipher', () => {
  const cipher = new FieldCipher(aKey());

  it('round-trips text, including accents, emoji and the empty string', () => {
    for (const plain of ['Zoë Ñúñez-Øster', '🏠 +32 470 12 34 56', '', 'x'.repeat(10_000)]) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('round-trips JSON values', () => {
    const value = { fullName: 'Ann', notes: ['a', 'b'], dateOfBirth: '1980-02-29', nested: { n: 1, flag: true } };

    expect(cipher.decryptJson(cipher.encryptJson(value, 'ctx'), 'ctx')).toEqual(value);
  });

  it('never shows the plaintext in the stored value', () => {
    const token = cipher.encrypt('Marker-Fullname-7731');

    expect(token).toMatch(/^f1\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('Marker');
    expect(Buffer.from(token.slice(3), 'base64url').toString('latin1')).not.toContain('Marker');
  });

  it('uses a fresh random 96-bit nonce for every value, so equal plaintexts differ', () => {
    const tokens = Array.from({ length: 200 }, () => cipher.encrypt('same value'));
    const nonces = tokens.map((token) => payloadOf(token).subarray(0, 12).toString('hex'));

    expect(new Set(tokens).size).toBe(200);
    expect(new Set(nonces).size).toBe(200);
    expect(payloadOf(tokens[0])).toHaveLength(12 + 16 + 'same value'.length);
  });

  it('is standard AES-256-GCM: nonce ‖ tag ‖ ciphertext decrypts with node:crypto directly', () => {
    const key = aKey();
    const data = payloadOf(new FieldCipher(key).encrypt('interoperable', 'household:1:contact'));

    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64'), data.subarray(0, 12));
    decipher.setAAD(Buffer.from('household:1:contact'));
    decipher.setAuthTag(data.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');

    expect(plain).toBe('interoperable');
  });

  it('refuses a value moved to another context (row or column)', () => {
    const token = cipher.encrypt('secret', 'household:a:contact');

    expect(() => cipher.decrypt(token, 'household:b:contact')).toThrow(FieldDecryptionError);
    expect(cipher.decrypt(token, 'household:a:contact')).toBe('secret');
  });

  it('refuses a value encrypted under another key', () => {
    const token = new FieldCipher(aKey()).encrypt('secret');

    expect(() => cipher.decrypt(token)).toThrow(FieldDecryptionError);
  });

  it('detects tampering with any byte of nonce, tag or ciphertext', () => {
    const token = cipher.encrypt('amount: 120');
    const data = payloadOf(token);

    for (const position of [0, 11, 12, 27, 28, data.length - 1]) {
      const tampered = Buffer.from(data);
      tampered[position] ^= 0x01;
      expect(() => cipher.decrypt(`f1.${tampered.toString('base64url')}`)).toThrow(FieldDecryptionError);
    }
  });

  it('refuses values that are not tokens, without echoing them', () => {
    for (const bad of ['plain text', 'f1.', 'f1.AAAA', 'f2.abc']) {
      let error: unknown;
      try {
        cipher.decrypt(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FieldDecryptionError);
      expect((error as Error).message).toMatch(/^Cannot decrypt field: (unknown format|too short)$/);
    }
  });

  it.each([
    ['too short', Buffer.alloc(16).toString('base64')],
    ['too long', Buffer.alloc(48).toString('base64')],
    ['not base64', 'not a key at all, not a key at all, no'],
    ['empty', ''],
  ])('rejects a key that is %s', (_case, key) => {
    expect(() => new FieldCipher(key)).toThrow('The field encryption key must be 32 bytes, base64-encoded');
  });

  describe('deriveKey', () => {
    it('gives a stable 32-byte key per purpose, different per purpose and per master key', () => {
      const key = aKey();
      const a = new FieldCipher(key);
      const b = new FieldCipher(key);

      expect(a.deriveKey('duplicate-hash')).toHaveLength(32);
      expect(a.deriveKey('duplicate-hash').equals(b.deriveKey('duplicate-hash'))).toBe(true);
      expect(a.deriveKey('duplicate-hash').equals(a.deriveKey('other-purpose'))).toBe(false);
      expect(a.deriveKey('duplicate-hash').equals(new FieldCipher(aKey()).deriveKey('duplicate-hash'))).toBe(false);
    });

    it('never returns the encryption key itself', () => {
      const key = aKey();

      expect(new FieldCipher(key).deriveKey('x').equals(Buffer.from(key, 'base64'))).toBe(false);
    });

    it('requires a purpose', () => {
      expect(() => cipher.deriveKey('')).toThrow('A derived key needs a purpose');
    });
  });
});
