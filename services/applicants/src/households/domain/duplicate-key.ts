import { createHmac } from 'node:crypto';

/** Letters NFKD does not decompose into a base letter and a mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A name as people write it in different ways, reduced to one form: lower-case, accents and
 * other marks stripped, hyphens, apostrophes and dots read as spaces, whitespace collapsed.
 * "  Zoë  O'Brien-Núñez " and "zoe o brien nunez" are the same.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * A keyed hash (HMAC-SHA256) of the normalised name and the date of birth: equal for the same
 * person however the name was typed, useless to anyone without the key (no dictionary attack on
 * names and birth dates). Stored in clear so duplicates are found by an index lookup, while the
 * name and date of birth themselves stay encrypted.
 */
export function duplicateKey(hashKey: Buffer, fullName: string, dateOfBirth: string): string {
  return createHmac('sha256', hashKey).update(`${normaliseName(fullName)}\n${dateOfBirth}`, 'utf8').digest('hex');
}
