import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ProposeOfferDto extends createZodDto(
  z
    .object({
      unitId: z.uuid().describe('An available unit'),
      householdId: z.uuid().describe('A waitlisted household eligible for the unit'),
      justification: z
        .string()
        .trim()
        .min(1)
        .max(1000)
        .optional()
        .describe('Why this household, when it is not first on the unit’s shortlist (required then): every departure from priority order must be explainable afterwards. Stays in matching, never in an event.'),
    })
    .strict(),
) {}
