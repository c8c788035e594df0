import { z } from 'zod';

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size (1–100)'),
  offset: z.coerce.number().int().min(0).default(0).describe('Number of items to skip'),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A list endpoint's query schema: paging plus the endpoint's own filters. */
export function pageQuery<S extends z.ZodRawShape>(filters: S) {
  return pageQuerySchema.extend(filters);
}

/** A true/false query-string filter (`?active=true`), as a boolean. */
export const queryFlag = () => z.enum(['true', 'false']).transform((value) => value === 'true');
