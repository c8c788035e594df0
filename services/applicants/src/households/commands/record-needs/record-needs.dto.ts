import { money } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { districtCode, freeText, membersSchema } from '../../household.schemas';

/** A monthly amount in euros with at most two decimals. */
const amount = money({ max: 100_000 });

export const recordNeedsSchema = z
  .object({
    expectedVersion,
    members: membersSchema.optional().describe('The household’s composition, when it changed since registration'),
    bedroomsOverride: z
      .object({ bedrooms: z.number().int().min(0).max(10), reason: freeText(1000).describe('Why the rule does not fit; stored encrypted') })
      .strict()
      .nullable()
      .default(null)
      .describe('Overrides the bedrooms derived from the composition by the configured rule'),
    wheelchair: z.boolean().describe('Needs a wheelchair-accessible home (implies step-free)'),
    stepFree: z.boolean(),
    pets: z.boolean(),
    rent: z
      .discriminatedUnion('basis', [
        z
          .object({ basis: z.literal('rule'), monthlyIncome: amount, monthlyBenefits: amount })
          .strict()
          .describe('maxRent from net monthly income and benefits by the configured affordability rule; amounts stored encrypted'),
        z.object({ basis: z.literal('set'), maxRent: amount, reason: freeText(1000).optional() }).strict().describe('maxRent set by staff'),
      ])
      .describe('How the maximum affordable rent is determined'),
    preferredDistricts: z.array(districtCode).max(30).default([]),
    excludedDistricts: z
      .array(z.object({ district: districtCode, reason: freeText(1000).describe('e.g. safety; stored encrypted') }).strict())
      .max(30)
      .default([]),
  })
  .strict()
  .superRefine((needs, ctx) => {
    const preferred = new Set(needs.preferredDistricts);
    if (preferred.size !== needs.preferredDistricts.length) ctx.addIssue({ code: 'custom', path: ['preferredDistricts'], message: 'must not repeat a district' });
    const excluded = needs.excludedDistricts.map((e) => e.district);
    if (new Set(excluded).size !== excluded.length) ctx.addIssue({ code: 'custom', path: ['excludedDistricts'], message: 'must not repeat a district' });
    if (excluded.some((d) => preferred.has(d))) ctx.addIssue({ code: 'custom', path: ['excludedDistricts'], message: 'must not name a preferred district' });
  });

export class RecordNeedsDto extends createZodDto(recordNeedsSchema) {}
