import { serviceDatabaseName } from '@hearth/persistence';
import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { z } from 'zod';

const FIVE_DAYS_MS = 5 * 24 * 60 * 60 * 1000;

const weight = (fallback: number) => z.coerce.number({ error: 'must be a number' }).min(0).max(1_000).default(fallback);
const count = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).int().min(min).max(max);

export const matchingConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3105),
  DATABASE_NAME: z.string().default(serviceDatabaseName('matching')),
  // The default policy (docs/matching-rules.md); an allocation run may override any of it.
  WEIGHT_PRIORITY: weight(1),
  WEIGHT_WAITING: weight(0.5),
  WEIGHT_PREFERENCE: weight(8),
  WEIGHT_FIT: weight(4),
  MAX_EXTRA_BEDROOMS: count(0, 5).default(1),
  // Allocation runs only: at most this many allocations per building; 0 means no cap.
  MAX_PER_BUILDING: count(0, 1_000).default(2),
  // Allocation runs only: at most this many allocations per district (an engine constraint); 0 means no cap.
  MAX_PER_DISTRICT: count(0, 100_000).default(0),
  // Households kept on a unit's shortlist.
  SHORTLIST_SIZE: count(1, 100).default(10),
  // How long a household has to answer an offer; tests use a couple of seconds.
  OFFER_RESPONSE_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(500).default(FIVE_DAYS_MS),
  // After a decline or an expiry, propose the unit to the next household on its shortlist.
  AUTO_PROPOSE_NEXT: z.stringbool({ error: "must be 'true' or 'false'" }).default(true),
  // A run's proposals become offers only once a board member approves them.
  RUN_APPROVAL_REQUIRED: z.stringbool({ error: "must be 'true' or 'false'" }).default(true),
});

export type MatchingConfig = z.infer<typeof matchingConfigSchema>;

export const loadMatchingConfig = (env: NodeJS.ProcessEnv = process.env): MatchingConfig => loadConfig(matchingConfigSchema, env);
