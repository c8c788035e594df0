import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { unitAttributesSchema } from '../../unit-attributes.schema';

export class DraftUnitDto extends createZodDto(
  unitAttributesSchema
    .extend({
      landlordId: z.uuid().optional().describe('Required for staff; a landlord always lists for themselves'),
      availableFrom: unitAttributesSchema.shape.availableFrom.default(null),
    })
    .strict(),
) {}
