/**
 * The Belgian structured communication (`+++123/4567/89012+++`): ten digits and two check digits,
 * the remainder of the ten digits modulo 97 (97 when the remainder is 0). Banks carry it in
 * camt.053 as a structured creditor reference (or in the free text); payers type it with `+++`,
 * `***` or no decoration.
 */

/** The check digits of a ten-digit base. */
export function checkDigits(base: bigint): string {
  const remainder = Number(base % 97n);
  return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** The structured communication for a base number (0 < base < 10^10). */
export function structuredCommunication(base: number | bigint): string {
  const value = BigInt(base);
  if (value <= 0n || value >= 10_000_000_000n) throw new RangeError(`a structured communication's base has ten digits at most: ${base}`);
  const digits = value.toString().padStart(10, '0') + checkDigits(value);
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

/**
 * Reads a structured communication out of a reference as banks pass it on: with `+++`/`***`
 * decoration or none, slashes, spaces or dots between the groups. Returns its base when the check
 * digits are right, null otherwise (a typo, or not a structured communication at all).
 */
export function parseStructuredCommunication(reference: string | null | undefined): bigint | null {
  if (!reference) return null;
  const match = /(?:\+\+\+|\*\*\*)?\s*(\d{3})\s*[/.\s-]?\s*(\d{4})\s*[/.\s-]?\s*(\d{5})\s*(?:\+\+\+|\*\*\*)?/.exec(reference);
  if (!match) return null;
  const digits = match[1] + match[2] + match[3];
  const base = BigInt(digits.slice(0, 10));
  if (base === 0n) return null;
  return checkDigits(base) === digits.slice(10) ? base : null;
}
