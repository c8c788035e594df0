import { date } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { SUPPORT_PROGRAMMES } from '../../domain/household.entity';
import { freeText, membersSchema, referralSchema } from '../../household.schemas';
import { LEGAL_STATUSES } from '../../personal-data';

const dateOfBirth = date().refine((date) => date >= '1900-01-01' && date <= new Date().toISOString().slice(0, 10), 'must be a real date of birth, not in the future');

export const registerHouseholdSchema = z
  .object({
    programme: z.enum(SUPPORT_PROGRAMMES).describe('The support programme'),
    primaryContact: z
      .object({
        fullName: freeText(200).describe('As the person gives it; stored encrypted, never shown in lists or events'),
        dateOfBirth: dateOfBirth.describe('Stored encrypted; with the name, used to detect duplicate registrations'),
        phone: z.string().trim().regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number').optional(),
        email: z.email().max(200).optional(),
        preferredLanguage: z.string().max(35).regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "nl" or "ar"').describe('BCP 47 language tag'),
      })
      .strict(),
    members: membersSchema,
    referral: referralSchema,
    legalStatus: z
      .object({ status: z.enum(LEGAL_STATUSES), note: freeText(2000).optional() })
      .strict()
      .optional()
      .describe('Residence status; stored encrypted'),
    notes: freeText(5000).optional().describe('Case notes; stored encrypted'),
    differentPersonConfirmed: z
      .boolean()
      .optional()
      .describe('Staff only: register although a household with the same name and date of birth exists, because it is a different person'),
  })
  .strict();

export class RegisterHouseholdDto extends createZodDto(registerHouseholdSchema) {}
