import { text } from '@hearth/platform';
import { declineReasonSchema } from '@hearth/contracts';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AcceptOfferDto extends createZodDto(z.object({ expectedVersion }).strict()) {}

export class DeclineOfferDto extends createZodDto(
  z
    .object({
      expectedVersion,
      reason: declineReasonSchema.describe(
        'household.* when the household says no, provider.* when the agency or the landlord cannot go through with it. Declining never lowers the household’s priority.',
      ),
      note: text({ max: 1000, multiline: true }).optional().describe('Free text for colleagues; stays in matching, never in an event'),
    })
    .strict(),
) {}
