import { stdSerializers } from 'pino';

// What a database error carries that may hold personal data: the statement's parameters, the
// statement itself, and PostgreSQL's detail ("Key (email)=(ann@example.org) already exists").
const UNSAFE_KEYS = ['parameters', 'query', 'detail', 'where', 'hint', 'driverError', 'internalQuery', 'body', 'config'];

/**
 * Serialises an error for a log line without the personal data it may carry: no SQL parameters,
 * no SQL, no PostgreSQL detail, and values quoted in a database error's message masked
 * (`invalid input syntax for type uuid: "…"`). Kept: the type, the message's shape, the SQLSTATE
 * code, the table and constraint names and the stack frames.
 */
export function safeErrorSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  const isDatabaseError = isDatabaseLike(error);
  for (const key of UNSAFE_KEYS) delete serialized[key];
  if (isDatabaseError) {
    serialized.message = maskQuotedValues(String(serialized.message ?? ''));
    if (typeof serialized.stack === 'string') serialized.stack = stackFrames(serialized.stack, String(serialized.type ?? 'Error'), serialized.message as string);
    const driver = (error as { driverError?: { code?: unknown; table?: unknown; constraint?: unknown } }).driverError;
    serialized.code ??= driver?.code;
    serialized.table ??= driver?.table;
    serialized.constraint ??= driver?.constraint;
  }
  if (serialized.cause instanceof Error || (typeof serialized.cause === 'object' && serialized.cause !== null)) {
    serialized.cause = safeErrorSerializer(serialized.cause);
  }
  return serialized;
}

function isDatabaseLike(error: Error): boolean {
  const candidate = error as { driverError?: unknown; code?: unknown; query?: unknown; parameters?: unknown };
  return candidate.driverError !== undefined || candidate.query !== undefined || candidate.parameters !== undefined || (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code));
}

/** `"ann@example.org"` → `"…"`, `(email)=(ann@example.org)` → `(email)=(…)`. */
export function maskQuotedValues(message: string): string {
  return message
    .replace(/"[^"]*"/g, (quoted) => (/^"[a-z_][a-z0-9_]*"$/.test(quoted) ? quoted : '"…"'))
    .replace(/'[^']*'/g, "'…'")
    .replace(/=\([^)]*\)/g, '=(…)');
}

function stackFrames(stack: string, type: string, message: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [`${type}: ${message}`, ...frames].join('\n');
}
