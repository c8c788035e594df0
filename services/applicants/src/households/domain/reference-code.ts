import { randomBytes } from 'node:crypto';

/** Digits and capitals without the look-alikes 0/O, 1/I/L: read aloud or copied by hand without doubt. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^HX-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4,6}$/;

/** Bytes at or above this are discarded so every symbol is equally likely (248 = 8 × 31). */
const UNBIASED_LIMIT = 256 - (256 % REFERENCE_ALPHABET.length);

export type RandomSource = (size: number) => Buffer;

/** A random reference like `HX-7Q2K` (4 symbols: 923,521 codes; 5 and 6 when those run short). */
export function randomReference(length = 4, random: RandomSource = randomBytes): string {
  let code = '';
  while (code.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < UNBIASED_LIMIT && code.length < length) code += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
    }
  }
  return `HX-${code}`;
}

/** Upper-cases and trims what someone typed; null if it cannot be a reference. */
export function parseReference(input: string): string | null {
  const reference = input.trim().toUpperCase();
  return REFERENCE_PATTERN.test(reference) ? reference : null;
}

/**
 * Picks a reference nobody holds: a few rounds of random candidates checked in one query each,
 * growing the code when the short space is crowded. The unique index is the final guard; the
 * caller retries its transaction on the rare race it loses.
 */
export async function allocateReference(
  taken: (candidates: string[]) => Promise<Iterable<string>>,
  random: RandomSource = randomBytes,
): Promise<string> {
  for (const length of [4, 4, 4, 5, 5, 6, 6]) {
    const candidates = [...new Set(Array.from({ length: 8 }, () => randomReference(length, random)))];
    const used = new Set(await taken(candidates));
    const free = candidates.find((candidate) => !used.has(candidate));
    if (free) return free;
  }
  throw new Error('No free household reference found');
}
