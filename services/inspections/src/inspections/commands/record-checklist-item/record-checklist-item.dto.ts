import { text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { SEVERITIES } from '../../domain/repair-deadlines';

export const recordChecklistItemSchema = z
  .object({
    result: z.enum(['pass', 'fail', 'not_applicable']),
    severity: z
      .enum(SEVERITIES)
      .optional()
      .describe('Required for a fail: life_threatening (repair within 24 h), severe (30 days), moderate (60 days), low (90 days)'),
    note: text({ max: 2000, multiline: true }).optional().describe('Required for a fail: what is wrong and where'),
    photos: z
      .array(z.uuid({ error: 'must be the id of a photo uploaded for this inspection' }))
      .max(20)
      .default([])
      .describe('Ids of photos uploaded for this inspection (POST /inspections/{inspectionId}/photos); the list replaces the one saved before'),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.result === 'fail') {
      if (!value.severity) context.addIssue({ code: 'custom', path: ['severity'], message: 'is required when the item fails' });
      if (!value.note) context.addIssue({ code: 'custom', path: ['note'], message: 'is required when the item fails' });
    } else if (value.severity) {
      context.addIssue({ code: 'custom', path: ['severity'], message: 'applies only to a failed item' });
    }
  });

export class RecordChecklistItemDto extends createZodDto(recordChecklistItemSchema) {}
