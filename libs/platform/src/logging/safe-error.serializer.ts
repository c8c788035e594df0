import { stdSerializers } from 'pino';

/**
 * The properties of an error a log line keeps. Anything else an error carries may hold personal
 * data: a TypeORM QueryFailedError has the statement's `parameters` (a landlord's name and e-mail),
 * the `query`, and PostgreSQL's `detail` ("Failing row contains (…every column…)"); a body-parser
 * error has the raw `body`; an HTTP client's error its `config` and `response`. So it is a list of
 * what is safe, not of what is not.
 */
const SAFE_KEYS = new Set([
  'type',
  'name',
  'message',
  'stack',
  // SQLSTATE or Node error code, and where in the schema it happened (names, never values).
  'code',
  'severity',
  'schema',
  'table',
  'column',
  'constraint',
  'dataType',
  'routine',
  'errno',
  'syscall',
  'address',
  'port',
  'status',
  'statusCode',
  'retriable',
  'aggregateErrors',
]);

// The words PostgreSQL (and TypeORM) put before a quoted identifier: `relation "landlords"`,
// `constraint "landlords_pkey"`. Every other quoted text may be a value and is masked.
const IDENTIFIER_BEFORE_QUOTE = /(relation|table|constraint|column|index|type|schema|database|role|function|sequence|trigger|view|extension|operator|collation|domain|entity)\s+$/i;

/**
 * Serialises an error for a log line without the personal data it may carry: only SAFE_KEYS are
 * kept (the causes' and aggregated errors' too); values quoted in messages are masked
 * (`invalid input syntax for type uuid: "…"`, `Key (email)=(…)`, TypeORM's
 * `matching: { "…": "…" }`), identifiers kept; the stack keeps its frames under the masked message.
 *
 * pino-http hands its serializers an error already serialised by pino (the original is in its
 * `raw`), other loggers the error itself: both are accepted.
 */
export function safeErrorSerializer(input: unknown): unknown {
  const error = input instanceof Error ? input : rawError(input);
  if (error === undefined) return input;
  return sanitise(error, 0);
}

function rawError(value: unknown): Error | undefined {
  const raw = typeof value === 'object' && value !== null ? (value as { raw?: unknown }).raw : undefined;
  return raw instanceof Error ? raw : undefined;
}

function sanitise(error: Error, depth: number): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  const safe: Record<string, unknown> = {};
  for (const key of Object.keys(serialized)) if (SAFE_KEYS.has(key)) safe[key] = serialized[key];
  // A QueryFailedError keeps SQLSTATE and schema names on its driver error.
  const driver = (error as { driverError?: Record<string, unknown> }).driverError;
  for (const key of ['code', 'table', 'constraint', 'column', 'schema'] as const) {
    if (safe[key] === undefined && typeof driver?.[key] === 'string') safe[key] = driver[key];
  }
  const type = String(safe.type ?? error.name);
  // Our own message: pino's joins the causes' messages in, which are masked as causes below.
  safe.message = maskQuotedValues(error.message);
  safe.stack = [`${type}: ${safe.message}`, ...frames(error.stack)].join('\n');
  if (error.cause instanceof Error && depth < 5) safe.cause = sanitise(error.cause, depth + 1);
  const aggregated = (error as { errors?: unknown }).errors;
  if (Array.isArray(aggregated) && depth < 5) {
    safe.aggregateErrors = aggregated.filter((inner): inner is Error => inner instanceof Error).map((inner) => sanitise(inner, depth + 1));
  }
  return safe;
}

/** `"ann@example.org"` → `"…"` (identifiers kept), `'x'` → `'…'`, `(email)=(ann@example.org)` → `(email)=(…)`. */
export function maskQuotedValues(message: string): string {
  return message
    .replace(/"[^"]*"/g, (quoted, offset: number, whole: string) =>
      IDENTIFIER_BEFORE_QUOTE.test(whole.slice(Math.max(0, offset - 20), offset)) ? quoted : '"…"',
    )
    .replace(/'[^']*'/g, "'…'")
    .replace(/=\([^)]*\)/g, '=(…)');
}

function frames(stack: string | undefined): string[] {
  return (stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
}

/** A request as logged: the query string's values masked (`/landlords?search=…`), as a search term may be a name. */
export function safeRequestSerializer(req: unknown): unknown {
  if (typeof req !== 'object' || req === null) return req;
  const { url } = req as { url?: unknown };
  if (typeof url !== 'string' || !url.includes('?')) return req;
  return { ...(req as Record<string, unknown>), url: maskQueryValues(url) };
}

export function maskQueryValues(url: string): string {
  const [path, query] = url.split(/\?(.*)/s);
  return `${path}?${query.replace(/=[^&]*/g, '=…')}`;
}
