import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const note = text({ max: 2000, multiline: true }).optional().describe('The board’s reasoning, kept with the run');

export class ApproveRunDto extends createZodDto(
  z
    .object({
      expectedVersion,
      note,
      point: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe(
          'Runs with a frontier: the point to approve (1 = the best overall allocation, higher = more weight on priority); its allocation replaces the proposals. ' +
            'Left out: the run’s own proposals',
        ),
      exclude: z
        .array(z.uuid())
        .max(10_000)
        .optional()
        .describe('Unit ids of proposals the board leaves out (for example those flagged over the district limit); they get no offer'),
    })
    .strict(),
) {}

export class RejectRunDto extends createZodDto(z.object({ expectedVersion, note }).strict()) {}
