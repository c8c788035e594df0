import { pageQuery, queryFlag, queryInt } from '@hearth/platform';
import { z } from 'zod';
import { SUPPORT_PROGRAMMES } from '../households/domain/household.entity';
import { districtCode } from '../households/household.schemas';

const flag = queryFlag();

export const waitlistFilterSchema = pageQuery({
  programme: z.enum(SUPPORT_PROGRAMMES).optional(),
  bedrooms: queryInt({ min: 0, max: 10 }).optional().describe('Households needing exactly this many bedrooms'),
  wheelchair: flag.optional().describe('true: only households that need a wheelchair-accessible home'),
  stepFree: flag.optional(),
  pets: flag.optional().describe('true: only households with pets'),
  preferredDistrict: districtCode.optional().describe('Households that prefer this district'),
});

export type WaitlistFilter = z.infer<typeof waitlistFilterSchema>;

/** The one waitlist order: priority, then earlier registration, then reference. */
export const WAITLIST_ORDER = 'priority DESC, registered_at, reference';

/**
 * SQL for one page of the waitlist and its total. The page is picked from the covering partial
 * index (households_waitlist / households_waitlist_comparable: an index-only scan, no table
 * rows touched while skipping the offset), then only the page's rows are read.
 */
export function waitlistSql(filter: WaitlistFilter, columns: string, caseworkerId?: string) {
  const conditions = [`status = 'waitlisted'`];
  const params: unknown[] = [];
  const add = (condition: (p: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filter.programme) add((p) => `programme = ${p}`, filter.programme);
  if (filter.bedrooms !== undefined) add((p) => `bedrooms_needed = ${p}`, filter.bedrooms);
  if (filter.wheelchair !== undefined) add((p) => `wheelchair = ${p}`, filter.wheelchair);
  if (filter.stepFree !== undefined) add((p) => `step_free = ${p}`, filter.stepFree);
  if (filter.pets !== undefined) add((p) => `pets = ${p}`, filter.pets);
  if (filter.preferredDistrict) add((p) => `preferred_districts @> ARRAY[${p}]::text[]`, filter.preferredDistrict);
  if (caseworkerId) add((p) => `caseworker_id = ${p}`, caseworkerId);
  const where = conditions.join(' AND ');
  const countParams = [...params];
  params.push(filter.limit, filter.offset);
  return {
    page: {
      sql: `WITH page AS MATERIALIZED (
              SELECT reference FROM households WHERE ${where} ORDER BY ${WAITLIST_ORDER} LIMIT $${params.length - 1} OFFSET $${params.length}
            )
            SELECT ${columns} FROM households h JOIN page ON page.reference = h.reference
             ORDER BY h.priority DESC, h.registered_at, h.reference`,
      params,
    },
    count: { sql: `SELECT count(*)::int AS total FROM households WHERE ${where}`, params: countParams },
  };
}
