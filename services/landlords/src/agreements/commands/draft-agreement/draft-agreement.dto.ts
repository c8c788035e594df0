import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const money = z.number().nonnegative().multipleOf(0.01);

export const draftAgreementSchema = z
  .object({
    scheme: z.enum(['head_lease', 'management_mandate', 'direct_let']),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    guaranteedMonthlyRent: money.positive().describe('Paid to the owner every month, also when the flat is empty or the rent unpaid'),
    coverage: z
      .object({
        rentArrears: z.boolean(),
        vacancy: z.boolean(),
        damageCap: money.describe('Tenant damage repaired at exit up to this amount; 0 = not covered'),
        legalCosts: z.boolean(),
      })
      .strict(),
    renovationLoan: z
      .object({ amount: money.positive(), monthlyRepayment: money.positive() })
      .strict()
      .nullable()
      .default(null)
      .describe('Interest-free; repaid by deduction from the guaranteed rent'),
    propertyTaxReductionFiling: z.boolean().default(false).describe('The agency files the property-tax reduction for the owner'),
  })
  .strict();

export class DraftAgreementDto extends createZodDto(draftAgreementSchema) {}
