import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RecordNoAccessDto extends createZodDto(
  z
    .object({
      note: z.string().trim().min(1).max(2000).describe('What happened at the door (kept in the inspection’s history, never published)'),
      expectedVersion,
    })
    .strict(),
) {}
