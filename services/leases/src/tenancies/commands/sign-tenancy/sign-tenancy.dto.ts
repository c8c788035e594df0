import { date } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class SignTenancyDto extends createZodDto(
  z.object({ signedOn: date().optional().describe('Day both parties signed; today by default') }).strict(),
) {}
