import { ROLES } from '@hearth/auth';
import { text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { LANGUAGES } from '../../domain/user.entity';

export class CreateUserDto extends createZodDto(
  z
    .object({
      email: z.email().max(254),
      displayName: text({ max: 200 }),
      roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role'),
      landlordId: z.uuid().optional().describe('Required with the landlord role: the landlord record this user acts for'),
      preferredLanguage: z.enum(LANGUAGES).default('en'),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.roles.includes('landlord') && !value.landlordId) ctx.addIssue({ code: 'custom', path: ['landlordId'], message: 'is required for a landlord' });
      if (!value.roles.includes('landlord') && value.landlordId) ctx.addIssue({ code: 'custom', path: ['landlordId'], message: 'is only for landlords' });
    }),
) {}
