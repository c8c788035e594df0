import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RecordNoAccessDto extends createZodDto(
  z
    .object({
      note: text({ max: 2000, multiline: true }).describe('What happened at the door (kept in the inspection’s history, never published)'),
      expectedVersion,
    })
    .strict(),
) {}
