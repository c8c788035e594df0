import { date } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class PayClaimDto extends createZodDto(z.object({ paidOn: date().describe('Day the approved amount was paid to the owner') }).strict()) {}
