import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';


export class SubmitUnitDto extends createZodDto(z.object({ expectedVersion }).strict()) {}

export class WithdrawUnitDto extends createZodDto(
  z.object({ expectedVersion, reason: z.string().trim().min(1).max(500).describe('Why the flat leaves the agency') }).strict(),
) {}
