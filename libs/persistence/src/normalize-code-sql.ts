/**
 * SQL for migrations that bring stored codes in line with `normalizeCode` (libs/platform
 * validation): trimmed, inner runs of white space collapsed to one space, upper case. Codes are
 * ASCII by their pattern, where PostgreSQL's upper() and JavaScript's toUpperCase() agree.
 */
export function normalizedCodeSql(expression: string): string {
  return `upper(regexp_replace(regexp_replace(${expression}, '^\\s+|\\s+$', '', 'g'), '\\s+', ' ', 'g'))`;
}

/** The same for a text[] column: each code normalised, in the original order, the first of any that become equal kept. */
export function normalizedCodesSql(column: string): string {
  return `ARRAY(SELECT code FROM (SELECT ${normalizedCodeSql('raw')} AS code, min(position) AS position FROM unnest(${column}) WITH ORDINALITY AS t(raw, position) GROUP BY 1) codes ORDER BY position)`;
}

/** True when a text column's value is not normalised yet (for the WHERE of an UPDATE). */
export function codeNeedsNormalizingSql(column: string): string {
  return `${column} IS DISTINCT FROM ${normalizedCodeSql(column)}`;
}

/** True when a text[] column holds a code that is not normalised, or two that are the same code. */
export function codesNeedNormalizingSql(column: string): string {
  return `${column} IS DISTINCT FROM ${normalizedCodesSql(column)}`;
}
