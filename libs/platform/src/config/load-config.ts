import { z } from 'zod';
import { variablesWithPublicDefaults } from './development-defaults';

type Env = Record<string, string | undefined>;

/**
 * Validates the environment once at start-up into a typed config object. Throws one Error
 * naming every missing or invalid variable. Empty variables count as unset. With
 * NODE_ENV=production, a secret or key left at its public development default is refused too.
 */
export function loadConfig<T>(schema: z.ZodType<T>, env: Env = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present, { error: describeIssue });
  if (result.success) {
    refuseDevelopmentDefaultsInProduction(result.data);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? String(issue.path[0]) : 'configuration';
    return issue.path.length > 0 && present[name] === undefined ? `${name} is required` : `${name} ${issue.message}`;
  });
  throw new Error(`Invalid configuration: ${[...new Set(problems)].join('; ')}`);
}

function refuseDevelopmentDefaultsInProduction(config: unknown): void {
  if (typeof config !== 'object' || config === null || (config as { NODE_ENV?: unknown }).NODE_ENV !== 'production') return;
  const names = variablesWithPublicDefaults(config as Record<string, unknown>);
  if (names.length > 0) {
    throw new Error(
      `Invalid configuration: NODE_ENV=production refuses the public development defaults of ${names.join(', ')}; set values of your own (openssl rand -base64 32)`,
    );
  }
}

/** Messages phrased to follow a variable name; a schema's own messages take precedence. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}
