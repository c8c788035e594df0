import { text } from '@hearth/platform';
import { offerWithdrawalReasonSchema } from '@hearth/contracts';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class WithdrawOfferDto extends createZodDto(
  z
    .object({
      expectedVersion,
      reason: offerWithdrawalReasonSchema.describe('Why the offer is withdrawn; fell_through_after_acceptance releases the unit’s reservation'),
      note: text({ max: 1000, multiline: true }).optional().describe('Free text for colleagues; stays in matching, never in an event'),
    })
    .strict(),
) {}
