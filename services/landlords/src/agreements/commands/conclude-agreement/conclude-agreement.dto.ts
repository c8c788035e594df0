import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class EndAgreementDto extends createZodDto(
  z.object({ endedOn: z.iso.date(), reason: z.string().trim().min(1).max(500) }).strict(),
) {}
