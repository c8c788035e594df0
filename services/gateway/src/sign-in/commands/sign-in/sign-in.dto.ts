import { ROLES } from '@hearth/auth';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

// Passwords are taken exactly as typed (never trimmed), only bounded.
export const signInSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(1024),
    totp: z.string().regex(/^\d{6}$/, 'must be the 6-digit code of your authenticator app').optional(),
    role: z.enum(ROLES).optional().describe('For a user with several roles: the one to act as (the first by default)'),
  })
  .strict();

export class SignInDto extends createZodDto(signInSchema) {}

export class SignedInDto extends createZodDto(
  z.object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().describe('Seconds until the access token expires; refresh with POST /auth/refresh'),
    role: z.enum(ROLES),
  }),
) {}
