import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { serviceDatabaseName } from '@hearth/persistence';
import { z } from 'zod';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const basisPoints = (fallback: number) =>
  z.coerce.number({ error: 'must be a number of basis points (1/100 of a percent)' }).int().min(0).max(10_000).default(fallback);

export const leasesConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3106),
  DATABASE_NAME: z.string().default(serviceDatabaseName('leases')),
  // The agency's local time zone: "today" (a start date reached, a month begun, days overdue) is its date.
  LEASES_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Brussels').default('Europe/Brussels'),
  // The agency's management fee under a management mandate, deducted from the owner's guaranteed rent (basis points: 800 = 8 %).
  MANAGEMENT_FEE_BASIS_POINTS: basisPoints(800),
  // Arrears are established when this many months of rent and charges are wholly unpaid…
  ARREARS_ESTABLISHED_MONTHS: z.coerce.number().int().min(1).max(12).default(2),
  // …or when partial arrears exceed this many months (Visale's rule: two wholly unpaid, or more than one partly).
  ARREARS_PARTIAL_MONTHS: z.coerce.number().int().min(1).max(12).default(1),
  // The claim engine (docs/decisions/0023-guarantee-claim-engine.md). Days of the arrears ladder: formal notice within 15 days of establishment, paying within 8…
  CLAIM_NOTICE_WITHIN_DAYS: z.coerce.number().int().min(0).max(365).default(15),
  CLAIM_NOTICE_PAY_DAYS: z.coerce.number().int().min(1).max(365).default(8),
  // …the claim filed within 30 days of establishment, each further unpaid month added within 30 days of its due date…
  CLAIM_FILING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CLAIM_MONTH_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // …up to this many months of rent claimed over a tenancy.
  CLAIM_MAX_MONTHS: z.coerce.number().int().min(1).max(120).default(18),
  // Damage at exit: repair cost per new deficiency by severity (cents), reduced for normal wear by this share per year of occupation.
  DAMAGE_COST_LOW_CENTS: z.coerce.number().int().min(0).default(10_000),
  DAMAGE_COST_MODERATE_CENTS: z.coerce.number().int().min(0).default(40_000),
  DAMAGE_COST_SEVERE_CENTS: z.coerce.number().int().min(0).default(120_000),
  DAMAGE_COST_LIFE_THREATENING_CENTS: z.coerce.number().int().min(0).default(250_000),
  DAMAGE_WEAR_BASIS_POINTS_PER_YEAR: basisPoints(1_000),
  // Rent indexation (docs/decisions/0024-rent-indexation-and-renewal-reminders.md): the index series rents are indexed by on each anniversary (its values are data, loaded by staff).
  RENT_INDEX_SERIES: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be lower-case letters, digits, _ or -').default('health_index'),
  // Renewal reminders to staff, this many days before a tenancy or head lease ends (comma-separated).
  RENEWAL_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,4}(,\d{1,4})*$/, 'must be whole numbers of days separated by commas, e.g. 90,60,30')
    .default('90,60,30')
    .transform((days) => days.split(',').map(Number)),
  // Documents are printed in the recipient's language (decision 0029); this one when it is not known: a household whose tenancy records none, an owner landlords has not told us of.
  LEASES_DOCUMENT_LANGUAGE: z.enum(['en', 'fr', 'nl'], { error: 'must be en, fr or nl' }).default('en'),
  // Tests and demonstrations only: a fixed calendar date taken as "today" (refused in production).
  LEASES_TODAY: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
}).refine((config) => !(config.NODE_ENV === 'production' && config.LEASES_TODAY), {
  message: 'must not be set in production',
  path: ['LEASES_TODAY'],
});

export type LeasesConfig = z.infer<typeof leasesConfigSchema>;

export const loadLeasesConfig = (env: NodeJS.ProcessEnv = process.env): LeasesConfig => loadConfig(leasesConfigSchema, env);
