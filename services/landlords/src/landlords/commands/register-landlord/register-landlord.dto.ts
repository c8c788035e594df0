import { code, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isValidIban } from '../../domain/bank-account';

/** Who the owner is and how to pay them: given by staff at registration, or by an owner who signed up. */
export const landlordDetailsSchema = z.object({
  name: text({ max: 200 }).describe('Full name of the owner, or the company name'),
  companyNumber: code({ max: 50 }).optional().describe('Required for companies; normalised (trimmed, upper case)'),
  contact: z
    .object({
      email: z.email().max(200),
      phone: z.string().trim().regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number').optional(),
      postalAddress: text({ max: 300, multiline: true }).optional(),
    })
    .strict(),
  bankAccount: z
    .string()
    .max(64, 'must be at most 64 characters')
    .refine(isValidIban, 'must be a valid IBAN')
    .describe('IBAN (spaces and case do not matter: stored normalised); stored encrypted, shown masked'),
});

export const registerLandlordSchema = landlordDetailsSchema
  .extend({
    kind: z.enum(['individual', 'company']),
    preferredLanguage: z.string().max(2).regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code, e.g. "nl"'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.kind === 'company' && !value.companyNumber) {
      ctx.addIssue({ code: 'custom', path: ['companyNumber'], message: 'is required for a company' });
    }
  });

export class RegisterLandlordDto extends createZodDto(registerLandlordSchema) {}
