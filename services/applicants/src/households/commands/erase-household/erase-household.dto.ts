import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class EraseHouseholdDto extends createZodDto(
  z
    .object({
      expectedVersion,
      basis: z.enum(['data_subject_request', 'retention_period_ended', 'consent_withdrawn']).describe('Why the personal data is erased'),
    })
    .strict(),
) {}
