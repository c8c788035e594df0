import { date, int, money } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AgreePaymentPlanDto extends createZodDto(
  z
    .object({
      instalments: int({ min: 1, max: 36 }).describe('Monthly instalments, on top of the running rent'),
      firstDueDate: date().describe('Day the first instalment is due; the others on the same day of the following months'),
      amount: money({ min: 0.01, max: 100_000 }).optional().describe('Total to repay, in euros; the whole balance owed by default'),
    })
    .strict(),
) {}
