import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { unitAttributesSchema } from '../../unit-attributes.schema';

export class UpdateUnitDto extends createZodDto(
  unitAttributesSchema
    .partial()
    .extend({ expectedVersion: z.number().int().positive().optional().describe('The version you edited from; stale → 409') })
    .strict()
    .refine((value) => Object.keys(value).some((key) => key !== 'expectedVersion'), { message: 'nothing to update' }),
) {}
