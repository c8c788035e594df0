import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { serviceDatabaseName } from '@hearth/persistence';
import { z } from 'zod';
import { DEFAULT_REPAIR_DEADLINES, RepairDeadlinePolicy } from './inspections/domain/repair-deadlines';

const milliseconds = (fallback: number) => z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive().default(fallback);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const inspectionsConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3103),
  DATABASE_NAME: z.string().default(serviceDatabaseName('inspections')),
  // Repair deadlines by severity (life-threatening within 24 hours by default); tests shorten them.
  REPAIR_DEADLINE_LIFE_THREATENING_MS: milliseconds(DEFAULT_REPAIR_DEADLINES.life_threatening),
  REPAIR_DEADLINE_SEVERE_MS: milliseconds(DEFAULT_REPAIR_DEADLINES.severe),
  REPAIR_DEADLINE_MODERATE_MS: milliseconds(DEFAULT_REPAIR_DEADLINES.moderate),
  REPAIR_DEADLINE_LOW_MS: milliseconds(DEFAULT_REPAIR_DEADLINES.low),
  // The agency's local time zone: an inspector's "day" in the agenda starts at its midnight.
  AGENDA_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Brussels').default('Europe/Brussels'),
  // The largest photo an inspector may upload (a phone's camera JPEG is 2–4 MB); 5 MiB by default.
  PHOTO_MAX_BYTES: z.coerce.number({ error: 'must be a number of bytes' }).int().positive().max(20 * 1024 * 1024).default(5 * 1024 * 1024),
});

export type InspectionsConfig = z.infer<typeof inspectionsConfigSchema>;

export const loadInspectionsConfig = (env: NodeJS.ProcessEnv = process.env): InspectionsConfig => loadConfig(inspectionsConfigSchema, env);

export function repairDeadlinePolicy(config: InspectionsConfig): RepairDeadlinePolicy {
  return {
    life_threatening: config.REPAIR_DEADLINE_LIFE_THREATENING_MS,
    severe: config.REPAIR_DEADLINE_SEVERE_MS,
    moderate: config.REPAIR_DEADLINE_MODERATE_MS,
    low: config.REPAIR_DEADLINE_LOW_MS,
  };
}
