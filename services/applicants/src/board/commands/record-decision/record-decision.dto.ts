import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const justification = text({ min: 10, max: 2000, multiline: true }).describe('Why the board departs from the policy’s order (mandatory, kept with the decision)');

export class RecordBoardDecisionDto extends createZodDto(
  z
    .object({
      kind: z.enum(['urgent', 'priority_adjustment']).describe('urgent adds the policy’s urgent bonus; priority_adjustment adds points'),
      points: z.number().min(-25).max(25).multipleOf(0.1).optional().describe('For priority_adjustment: added to (or taken from) the priority, −25 to 25'),
      justification,
      expectedVersion,
    })
    .strict()
    .superRefine((decision, ctx) => {
      if (decision.kind === 'priority_adjustment' && (decision.points === undefined || decision.points === 0)) {
        ctx.addIssue({ code: 'custom', path: ['points'], message: 'is required for a priority adjustment and must not be 0' });
      }
      if (decision.kind === 'urgent' && decision.points !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['points'], message: 'applies only to a priority adjustment' });
      }
    }),
) {}
