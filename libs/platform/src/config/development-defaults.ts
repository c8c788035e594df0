/**
 * The secrets and keys `npm start` uses when the environment sets none. They are in this
 * repository, so they are public: a service started with NODE_ENV=production refuses every one of
 * them (see `loadConfig`), under whatever variable it is given. A new secret gets its development
 * default here, never in a script or a compose file.
 */
export const DEVELOPMENT_DEFAULTS = {
  GATEWAY_DATA_KEY: Buffer.alloc(32, 'hearth-dev-gateway-data-key').toString('base64'),
  BANK_ACCOUNT_KEY: Buffer.alloc(32, 'hearth-dev-bank-account-key').toString('base64'),
  APPLICANTS_DATA_KEY: Buffer.alloc(32, 'hearth-dev-applicants-data-key').toString('base64'),
  MEDIATION_DATA_KEY: Buffer.alloc(32, 'hearth-dev-mediation-data-key').toString('base64'),
} as const satisfies Record<string, string>;

/** Other values this repository once published as defaults (an earlier docker-compose.yml, the
 *  symmetric token secret services had before the gateway signed tokens). */
const FORMERLY_PUBLISHED = ['change-me-to-a-long-random-secret', 'hearth-development-secret-change-me'];

const PUBLIC_VALUES = new Set<string>([...Object.values(DEVELOPMENT_DEFAULTS), ...FORMERLY_PUBLISHED]);

/** The variables of a parsed configuration whose value is a public development default. */
export function variablesWithPublicDefaults(config: Record<string, unknown>): string[] {
  return Object.entries(config)
    .filter(([, value]) => typeof value === 'string' && PUBLIC_VALUES.has(value))
    .map(([name]) => name);
}
