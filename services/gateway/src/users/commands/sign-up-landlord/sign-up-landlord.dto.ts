import { text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { LANGUAGES } from '../../domain/user.entity';
import { newPassword } from '../../password-field';

export class SignUpLandlordDto extends createZodDto(
  z
    .object({
      email: z.email().max(254),
      password: newPassword(),
      displayName: text({ max: 200 }).describe('How we greet you; your full details are asked after you sign in'),
      kind: z.enum(['individual', 'company']),
      preferredLanguage: z.enum(LANGUAGES),
    })
    .strict(),
) {}
