import { z } from 'zod';

/**
 * One validation vocabulary for every DTO and query filter, so that whole classes of bad input
 * (NUL and control characters, amounts and counts a column cannot hold, dates PostgreSQL cannot
 * store, codes compared as typed) are refused at the edge with a 400 naming the field.
 */

// C0 controls except tab, line feed and carriage return; DEL; C1 controls. PostgreSQL refuses NUL
// in text, and the others have no business in a name or an address.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\r\n\t]/;
// Half of a UTF-16 pair without its other half: not a character (JSON can carry it as `\ud800`).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextOptions {
  /** Longest accepted value, in characters (required: every text column has a sane limit). */
  max: number;
  /** Shortest accepted value after trimming; 1 by default (blank is refused). */
  min?: number;
  /** Allow line breaks and tabs (notes, descriptions); single-line by default. */
  multiline?: boolean;
}

/** Free text typed by a person: trimmed, bounded, without control characters. */
export function text({ max, min = 1, multiline = false }: TextOptions) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be blank' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be valid Unicode text')
    .refine((value) => multiline || !LINE_BREAKS.test(value), 'must be on one line');
}

/**
 * Normalises a code that identifies something (a district, a building, a reference): trimmed,
 * inner runs of spaces collapsed to one, upper case. Every service applies the same function, so a
 * code typed `d4 ` and one typed `D4` are the same code everywhere they are compared.
 */
export function normalizeCode(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Normalises a list of codes (see normalizeCode), keeping the first of any that become equal. */
export function normalizedCodes(values: readonly string[]): string[] {
  return [...new Set(values.map(normalizeCode))];
}

export interface CodeOptions {
  max: number;
  /** Characters allowed after normalisation; letters, digits, dash, underscore, dot, slash and space by default. */
  pattern?: RegExp;
}

const DEFAULT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9 ._/-]*$/;

/** An identifying code, normalised once at the edge (see normalizeCode). */
export function code({ max, pattern = DEFAULT_CODE_PATTERN }: CodeOptions) {
  return z
    .string()
    .max(max * 2, `must be at most ${max} characters`)
    .transform(normalizeCode)
    .pipe(
      z
        .string()
        .min(1, 'must not be blank')
        .max(max, `must be at most ${max} characters`)
        .regex(pattern, 'must contain only letters, digits and . _ / - or spaces'),
    );
}

/** A district code as the agency defines them (`D4`, `BXL-1000`): compared after normalisation. */
export const districtCode = () => code({ max: 20 });

/** A postal code: upper case, one space at most between parts (`1000`, `1012 AB`, `SW1A 1AA`). */
export const postalCode = () => code({ max: 12, pattern: /^[A-Z0-9][A-Z0-9 -]*$/ });

/** Largest monthly amount any money field accepts unless a field says otherwise (fits numeric(10,2)). */
export const MAX_MONEY = 1_000_000;

export interface MoneyOptions {
  /** Largest accepted amount; MAX_MONEY by default. */
  max?: number;
  /** Smallest accepted amount; 0 by default (negative amounts are refused). */
  min?: number;
}

/**
 * An amount of euros with at most two decimals (`690`, `690.5`, `690.55`), bounded. Stored as
 * integer cents or numeric(…, 2); convert with toCents, never compute with the float.
 */
export function money({ max = MAX_MONEY, min = 0 }: MoneyOptions = {}) {
  return z
    .number({ error: 'must be a number' })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .refine((value) => Number.isFinite(value) && isWholeCents(value), 'must have at most two decimals');
}

/**
 * A number as a query string carries it: digits only (no blanks read as 0, no hex, no exponent), so
 * `?bedrooms=` or `?limit=0x10` is refused instead of being read as some other number.
 */
function queryNumber(pattern: RegExp, message: string) {
  return z.preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    z
      .string({ error: 'must be a number' })
      .trim()
      .max(24, message)
      .regex(pattern, message)
      .transform(Number),
  );
}

/** The same amount read from a query string. */
export function queryMoney(options: MoneyOptions = {}) {
  const { max = MAX_MONEY, min = 0 } = options;
  return queryNumber(/^-?\d+(\.\d{1,2})?$/, 'must be an amount with at most two decimals')
    .pipe(money(options))
    .meta(documentedAs({ type: 'number', minimum: min, maximum: max, multipleOf: 0.01 }));
}

/**
 * What the OpenAPI document says a query number is: a number with its bounds (clients and the
 * OpenAPI fuzz test read them), not the string of digits it travels as.
 */
function documentedAs(schema: Record<string, unknown>): Record<string, unknown> {
  return { ...schema, pattern: undefined, maxLength: undefined };
}

function isWholeCents(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** Euros (at most two decimals) → integer cents, exactly. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Integer cents → euros, for an API answer or an event. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** PostgreSQL `int` holds up to 2,147,483,647; counts are kept well inside it. */
export const MAX_INT = 2_147_483_647;

export interface IntOptions {
  min: number;
  max: number;
}

/** A whole number between min and max (both required: no unbounded counts). */
export function int({ min, max }: IntOptions) {
  return z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/** The same whole number read from a query string. */
export function queryInt(options: IntOptions) {
  return queryNumber(/^-?\d+$/, 'must be a whole number')
    .pipe(int(options))
    .meta(documentedAs({ type: 'integer', minimum: options.min, maximum: options.max }));
}

/** Dates people enter: from 1900 to 2199. PostgreSQL refuses year 0 and the calendar has no use for the far future. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';

/** A calendar date `YYYY-MM-DD` that exists and that PostgreSQL can store. */
export function date() {
  return z.iso
    // abort: a value that is not a date, or not one PostgreSQL stores, gets one error, not one per later rule.
    .date({ error: 'must be a date (YYYY-MM-DD)', abort: true })
    .refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, { message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`, abort: true });
}

/** An instant with its offset (`2026-11-30T10:00:00Z`), between 1900 and 2199. */
export function dateTime() {
  return z.iso
    .datetime({ offset: true, error: 'must be a date and time with an offset (ISO 8601)', abort: true })
    .refine(
      (value) => {
        const time = Date.parse(value);
        return Number.isFinite(time) && time >= Date.parse(`${EARLIEST_DATE}T00:00:00Z`) && time <= Date.parse(`${LATEST_DATE}T23:59:59Z`);
      },
      { message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`, abort: true },
    );
}

/** A free-text search filter in a query string: same rules as text. */
export function queryText(max = 100) {
  return text({ max });
}
