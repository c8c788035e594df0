import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isValidIban } from '../../domain/bank-account';

/** Who the owner is and how to pay them: given by staff at registration, or by an owner who signed up. */
export const landlordDetailsSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('Full name of the owner, or the company name'),
  companyNumber: z.string().trim().min(1).max(50).optional().describe('Required for companies'),
  contact: z.object({
    email: z.email(),
    phone: z.string().trim().min(5).max(30).optional(),
    postalAddress: z.string().trim().min(1).max(300).optional(),
  }),
  bankAccount: z.string().refine(isValidIban, 'must be a valid IBAN').describe('IBAN; stored encrypted, shown masked'),
});

export const registerLandlordSchema = landlordDetailsSchema
  .extend({
    kind: z.enum(['individual', 'company']),
    preferredLanguage: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code, e.g. "nl"'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.kind === 'company' && !value.companyNumber) {
      ctx.addIssue({ code: 'custom', path: ['companyNumber'], message: 'is required for a company' });
    }
  });

export class RegisterLandlordDto extends createZodDto(registerLandlordSchema) {}
