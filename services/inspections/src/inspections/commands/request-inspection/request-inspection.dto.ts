import { text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { INSPECTION_TYPES } from '../../domain/inspection.entity';

export const requestNote = text({ max: 1000, multiline: true }).describe('Why the inspection is needed, e.g. what a complaint is about');

export class RequestInspectionDto extends createZodDto(
  z
    .object({
      unitId: z.uuid(),
      type: z
        .enum(INSPECTION_TYPES)
        .describe('Initial inspections are requested automatically when a unit is submitted; request one here only to replace a cancelled request'),
      note: requestNote.optional(),
    })
    .strict(),
) {}
