import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';


export class SubmitUnitDto extends createZodDto(z.object({ expectedVersion }).strict()) {}

export class WithdrawUnitDto extends createZodDto(
  z.object({ expectedVersion, reason: text({ max: 500, multiline: true }).describe('Why the flat leaves the agency') }).strict(),
) {}
