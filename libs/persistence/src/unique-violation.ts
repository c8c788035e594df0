const UNIQUE_VIOLATION = '23505';

/**
 * Whether an error is PostgreSQL refusing a duplicate (of `constraint`, when named). Works on
 * pg's own errors and on TypeORM's QueryFailedError, which copies the driver error's fields.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const fields = (error ?? {}) as { code?: string; constraint?: string };
  return fields.code === UNIQUE_VIOLATION && (constraint === undefined || fields.constraint === constraint);
}
