import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CancelInspectionDto extends createZodDto(
  z.object({ reason: text({ max: 500, multiline: true }).describe('Why the inspection will not take place'), expectedVersion }).strict(),
) {}
