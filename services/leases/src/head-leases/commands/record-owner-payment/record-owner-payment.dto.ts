import { date, money } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RecordOwnerPaymentDto extends createZodDto(
  z
    .object({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)').describe('The month the payment is for'),
      amount: money({ min: 0.01, max: 1_000_000 }).describe('Amount paid to the owner, in euros'),
      paidOn: date().describe('Day the transfer was made'),
    })
    .strict(),
) {}
