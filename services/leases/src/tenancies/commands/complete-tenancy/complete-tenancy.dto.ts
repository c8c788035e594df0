import { date, money } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DOCUMENT_LANGUAGES } from '../../../documents/documents';

export const completeTenancySchema = z
  .object({
    rent: money({ max: 100_000 }).describe('Monthly rent in euros (at most two decimals)'),
    serviceCharges: money({ max: 100_000 }).describe('Monthly service charges in euros'),
    benefitPaidDirectly: money({ max: 100_000 }).default(0).describe('Part of the rent a benefit agency pays the agency directly each month, in euros'),
    deposit: z
      .object({ kind: z.enum(['none', 'deposit', 'guarantee']), amount: money({ max: 100_000 }) })
      .strict()
      .refine((d) => d.kind !== 'none' || d.amount === 0, { message: 'must be 0 when there is no deposit', path: ['amount'] })
      .describe('A deposit paid, or a deposit guarantee (e.g. by a public fund)'),
    startDate: date(),
    endDate: date().nullable().default(null).describe('Last day of the tenancy; null for open-ended'),
    documentLanguage: z
      .enum(DOCUMENT_LANGUAGES)
      .optional()
      .describe('The language the household reads its documents in (rent reminders, formal notices, indexation notices): en, fr or nl; kept as it was when left out, the configured default until set'),
  })
  .strict()
  .refine((t) => t.benefitPaidDirectly <= t.rent + t.serviceCharges, { message: 'must not exceed rent and service charges', path: ['benefitPaidDirectly'] })
  .refine((t) => t.endDate === null || t.endDate >= t.startDate, { message: 'must not be before startDate', path: ['endDate'] });

export class CompleteTenancyDto extends createZodDto(completeTenancySchema) {}
