import { z } from 'zod';
import { queryInt } from '../validation/fields';

/** Deepest a list can be paged: far beyond any list here, well inside what PostgreSQL's OFFSET takes. */
export const MAX_OFFSET = 1_000_000;

export const pageQuerySchema = z.object({
  limit: queryInt({ min: 1, max: 100 }).default(20).describe('Page size (1–100)'),
  offset: queryInt({ min: 0, max: MAX_OFFSET }).default(0).describe(`Number of items to skip (0–${MAX_OFFSET})`),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A list endpoint's query schema: paging plus the endpoint's own filters. */
export function pageQuery<S extends z.ZodRawShape>(filters: S) {
  return pageQuerySchema.extend(filters);
}

/** A true/false query-string filter (`?active=true`), as a boolean. */
export const queryFlag = () => z.enum(['true', 'false']).transform((value) => value === 'true');
