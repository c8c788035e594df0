import { date, money, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RecordPaymentDto extends createZodDto(
  z
    .object({
      amount: money({ min: 0.01, max: 100_000 }).describe('Amount received, in euros'),
      receivedOn: date().describe('Day the money was received'),
      bankReference: text({ max: 140 }).optional().describe('The payment reference on the bank transfer, if any'),
    })
    .strict(),
) {}
