import { date, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class EndAgreementDto extends createZodDto(
  z.object({ endedOn: date(), reason: text({ max: 500, multiline: true }) }).strict(),
) {}
