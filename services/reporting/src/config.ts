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

export const reportingConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3108),
  DATABASE_NAME: z.string().default(serviceDatabaseName('reporting')),
  // The agency's calendar: an event that happened at 23:30 UTC in summer belongs to the next day in
  // Brussels. Every "day" of every indicator is a day in this time zone (docs/indicators.md).
  REPORTING_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Brussels').default('Europe/Brussels'),
  // The caps on concentration the spread indicator compares with until an allocation run states the
  // caps it was solved with (then the last run's, as of the day: docs/indicators.md#spread); 0: no cap.
  SPREAD_CAP_PER_BUILDING: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10_000).default(2),
  SPREAD_CAP_PER_DISTRICT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
  // The first day a daily snapshot is taken for; by default the day the service first applied an event.
  SNAPSHOTS_FROM: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
});

export type ReportingConfig = z.infer<typeof reportingConfigSchema>;

export const loadReportingConfig = (env: NodeJS.ProcessEnv = process.env): ReportingConfig => loadConfig(reportingConfigSchema, env);
