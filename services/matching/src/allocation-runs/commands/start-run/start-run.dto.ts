import { allocationModeSchema } from '@hearth/contracts';
import { districtCode, int, normalizeCode } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const weight = z.number().min(0).max(1_000);
const districtCap = z.number().int().min(0).max(100_000);

/** One cap for every district, or caps by district code (compared after normalisation, so "d1" and "D1" may not both be named). */
const districtCaps = z.union([
  districtCap,
  z
    .record(z.string(), z.unknown())
    .superRefine((caps, ctx) => {
      const seen = new Map<string, string>();
      for (const key of Object.keys(caps)) {
        const normalized = normalizeCode(key);
        const first = seen.get(normalized);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `names the same district as ${JSON.stringify(first)}` });
        seen.set(normalized, key);
      }
    })
    .pipe(z.record(districtCode(), districtCap)),
]);

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
    maxPerDistrict: districtCaps
      .nullable()
      .optional()
      .describe(
        'At most this many allocations per district, an engine constraint in both modes: one number for every district, or caps by district code ' +
          '(districts not named have no cap); null: no cap; the configured cap (MAX_PER_DISTRICT) when left out',
      ),
    districtLimit: int({ min: 1, max: 10_000 })
      .optional()
      .describe('Soft limit of proposals per district: not an engine constraint (see maxPerDistrict for one); proposals beyond it are flagged (the lowest-scoring of the district) for the board'),
    frontier: z
      .boolean()
      .optional()
      .describe(
        'Optimal runs: also compute the frontier between the best overall allocation and strict priority (exact optima under increasing weight on priority, ' +
          'each with its total, households housed and passed over, and its certificate), stored with the census; the board may approve any point of it',
      ),
    units: z
      .union([z.literal('all'), z.array(z.uuid()).min(1).max(10_000)])
      .describe('"all" (every available unit without a live offer) or the unit ids to allocate'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (Array.isArray(value.units) && new Set(value.units).size !== value.units.length) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'must not name a unit twice' });
    }
    if (value.frontier && value.mode !== 'optimal') {
      ctx.addIssue({ code: 'custom', path: ['frontier'], message: 'needs mode optimal (the frontier is made of exact optima)' });
    }
  });

export class StartRunDto extends createZodDto(startRunSchema) {}
