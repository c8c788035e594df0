import { money, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class DecideClaimDto extends createZodDto(
  z
    .object({
      decision: z.enum(['approved', 'partly_approved', 'rejected']).describe('approved: the whole amount; partly_approved: `approvedAmount`; rejected: nothing'),
      approvedAmount: money({ min: 0.01, max: 1_000_000 }).optional().describe('Euros approved of a partly approved claim (less than the amount claimed)'),
      reasons: z.array(text({ max: 500 })).max(10).default([]).describe('Why: required when the claim is partly approved or rejected'),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.decision === 'partly_approved' && v.approvedAmount === undefined) ctx.addIssue({ code: 'custom', path: ['approvedAmount'], message: 'is required when partly approved' });
      if (v.decision !== 'partly_approved' && v.approvedAmount !== undefined) ctx.addIssue({ code: 'custom', path: ['approvedAmount'], message: 'is only given when partly approved' });
      if (v.decision !== 'approved' && v.reasons.length === 0) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'at least one reason is required when not approved in full' });
    }),
) {}
