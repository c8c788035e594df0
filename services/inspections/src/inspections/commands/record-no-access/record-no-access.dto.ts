import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { expectedVersion } from '../schedule-inspection/schedule-inspection.dto';

export class RecordNoAccessDto extends createZodDto(
  z
    .object({
      note: z.string().trim().min(1).max(2000).describe('What happened at the door (kept in the inspection’s history, never published)'),
      expectedVersion,
    })
    .strict(),
) {}
