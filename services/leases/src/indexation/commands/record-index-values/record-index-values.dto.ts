import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RecordIndexValuesDto extends createZodDto(
  z
    .object({
      values: z
        .array(
          z
            .object({
              month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM').describe('Month of the value'),
              value: z
                .string()
                .regex(/^\d{1,6}(\.\d{1,2})?$/, 'must be a decimal written as text, at most two decimals (e.g. "128.47")')
                .refine((v) => Number(v) > 0, 'must be more than 0')
                .describe('The index value as published, exact (text, not a number)'),
            })
            .strict(),
        )
        .min(1)
        .max(240),
    })
    .strict(),
) {}

export const seriesName = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be lower-case letters, digits, _ or - (at most 40)');
