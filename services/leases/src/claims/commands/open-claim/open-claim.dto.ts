import { date, money, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const FIELDS = { damage: ['repairCost'], legal_costs: ['amount', 'description'], vacancy: ['from', 'to'] } as const;
const ALLOWED = { damage: ['repairCost', 'description'], legal_costs: ['amount', 'description'], vacancy: ['from', 'to'] } as const;

/** Staff open damage, legal-costs and vacancy claims; arrears claims are filed by the arrears ladder. */
export class OpenClaimDto extends createZodDto(
  z
    .object({
      kind: z.enum(['damage', 'legal_costs', 'vacancy'], { error: 'must be damage, legal_costs or vacancy (arrears claims are filed by the arrears ladder)' }),
      repairCost: money({ min: 0.01, max: 200_000 }).optional().describe('damage: cost of repairing the damage, in euros (before normal wear and the cover cap)'),
      amount: money({ min: 0.01, max: 100_000 }).optional().describe('legal_costs: the costs incurred, in euros'),
      description: text({ max: 2_000, multiline: true }).optional().describe('damage, legal_costs: what the claim is for (never about the household)'),
      from: date().optional().describe('vacancy: first empty day (after the tenancy ended)'),
      to: date().optional().describe('vacancy: last empty day'),
    })
    .strict()
    .superRefine((v, ctx) => {
      for (const field of FIELDS[v.kind]) if (v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required for a ${v.kind} claim` });
      for (const field of ['repairCost', 'amount', 'description', 'from', 'to'] as const) {
        if (v[field] !== undefined && !(ALLOWED[v.kind] as readonly string[]).includes(field)) ctx.addIssue({ code: 'custom', path: [field], message: `is not part of a ${v.kind} claim` });
      }
      if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }),
) {}
