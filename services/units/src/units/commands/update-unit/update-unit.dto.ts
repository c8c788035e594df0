import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { unitAttributesSchema } from '../../unit-attributes.schema';

export class UpdateUnitDto extends createZodDto(
  unitAttributesSchema
    .partial()
    .extend({ expectedVersion })
    .strict()
    .refine((value) => Object.keys(value).some((key) => key !== 'expectedVersion'), { message: 'nothing to update' }),
) {}
