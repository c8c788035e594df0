import { date, money } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Largest monthly amount or loan an agreement may name (fits the numeric(10, 2) columns with room to spare). */
export const MAX_AGREEMENT_AMOUNT = 1_000_000;
const amount = money({ max: MAX_AGREEMENT_AMOUNT });
const positiveAmount = money({ min: 0.01, max: MAX_AGREEMENT_AMOUNT });

export const draftAgreementSchema = z
  .object({
    scheme: z.enum(['head_lease', 'management_mandate', 'direct_let']),
    startDate: date(),
    endDate: date(),
    guaranteedMonthlyRent: positiveAmount.describe('Paid to the owner every month, also when the flat is empty or the rent unpaid'),
    coverage: z
      .object({
        rentArrears: z.boolean(),
        vacancy: z.boolean(),
        damageCap: amount.describe('Tenant damage repaired at exit up to this amount; 0 = not covered'),
        legalCosts: z.boolean(),
      })
      .strict(),
    renovationLoan: z
      .object({ amount: positiveAmount, monthlyRepayment: positiveAmount })
      .strict()
      .nullable()
      .default(null)
      .describe('Interest-free; repaid by deduction from the guaranteed rent'),
    propertyTaxReductionFiling: z.boolean().default(false).describe('The agency files the property-tax reduction for the owner'),
  })
  .strict();

export class DraftAgreementDto extends createZodDto(draftAgreementSchema) {}
