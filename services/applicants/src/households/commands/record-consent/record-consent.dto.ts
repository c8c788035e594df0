import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CONSENT_SCOPES } from '../../domain/household.entity';
import { freeText, pastOrToday } from '../../household.schemas';

export class GiveConsentDto extends createZodDto(
  z
    .object({
      expectedVersion,
      scope: z
        .array(z.enum(CONSENT_SCOPES))
        .min(1)
        .refine((scope) => new Set(scope).size === scope.length, 'must not repeat a scope')
        .describe('processing: assessment and case work; matching: sharing the matching attributes so homes can be offered; sharing_with_support_services'),
      givenOn: pastOrToday.describe('The day consent was given'),
      givenBy: z.enum(['applicant', 'legal_guardian', 'authorised_representative']),
      note: freeText(2000).optional().describe('Stored encrypted'),
    })
    .strict(),
) {}

export class WithdrawConsentDto extends createZodDto(
  z
    .object({
      expectedVersion,
      withdrawnOn: pastOrToday.optional().describe('Defaults to today'),
      note: freeText(2000).optional().describe('Stored encrypted'),
    })
    .strict(),
) {}
