import { int } from '@hearth/platform';
import { allocationModeSchema } from '@hearth/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const weight = z.number().min(0).max(1_000);

export const startRunSchema = z
  .object({
    mode: allocationModeSchema.describe('priority: strict priority order, each household takes its best unit; optimal: the largest total score, with a certificate'),
    weights: z
      .object({ priority: weight, waiting: weight, preference: weight, fit: weight })
      .strict()
      .optional()
      .describe('Score weights (docs/matching-rules.md#score); the configured policy when left out'),
    maxPerBuilding: z.number().int().min(1).max(1_000).nullable().optional().describe('At most this many allocations per building; null: no cap; the configured cap when left out'),
    maxExtraBedrooms: z.number().int().min(0).max(5).optional().describe('A unit may have at most this many bedrooms more than needed'),
    districtLimit: int({ min: 1, max: 10_000 })
      .optional()
      .describe('Soft limit of proposals per district: not an engine constraint; proposals beyond it are flagged (the lowest-scoring of the district) for the board'),
    units: z
      .union([z.literal('all'), z.array(z.uuid()).min(1).max(10_000)])
      .describe('"all" (every available unit without a live offer) or the unit ids to allocate'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (Array.isArray(value.units) && new Set(value.units).size !== value.units.length) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'must not name a unit twice' });
    }
  });

export class StartRunDto extends createZodDto(startRunSchema) {}
