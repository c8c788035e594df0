import { date, int } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AgreeRecoveryDto extends createZodDto(
  z
    .object({
      instalments: int({ min: 1, max: 60 }).describe('Monthly instalments the household repays in'),
      firstDueDate: date().describe('Day the first instalment is due; the others on the same day of the following months'),
    })
    .strict(),
) {}
