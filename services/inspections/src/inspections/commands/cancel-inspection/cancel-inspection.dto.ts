import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CancelInspectionDto extends createZodDto(
  z.object({ reason: z.string().trim().min(1).max(500).describe('Why the inspection will not take place'), expectedVersion }).strict(),
) {}
