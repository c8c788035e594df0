import { date, money } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RepayLoanEarlyDto extends createZodDto(
  z
    .object({
      amount: money({ min: 0.01, max: 1_000_000 }).describe('Amount the owner repaid, in euros'),
      repaidOn: date().describe('Day the owner repaid it'),
    })
    .strict(),
) {}
