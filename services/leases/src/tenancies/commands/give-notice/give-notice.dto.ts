import { tenancyEndReasonSchema } from '@hearth/contracts';
import { date } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class GiveNoticeDto extends createZodDto(
  z
    .object({
      givenBy: z.enum(['household', 'agency', 'landlord']).describe('Who terminates the tenancy'),
      reason: tenancyEndReasonSchema.describe('Why, as a code'),
      noticeGivenOn: date().optional().describe('Day notice was given; today by default'),
      endsOn: date().describe('Last day of the tenancy'),
    })
    .strict()
    .refine((n) => !n.noticeGivenOn || n.endsOn >= n.noticeGivenOn, { message: 'must not be before noticeGivenOn', path: ['endsOn'] }),
) {}
