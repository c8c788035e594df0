import { z } from 'zod';
import type { PageQuery } from './page-query.schema';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function toPage<T>(items: T[], total: number, { limit, offset }: PageQuery): Page<T> {
  return { items, total, limit, offset };
}

/** The response schema of a list endpoint, for createZodDto / OpenAPI. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
