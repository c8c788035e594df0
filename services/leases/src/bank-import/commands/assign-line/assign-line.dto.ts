import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AssignLineDto extends createZodDto(z.object({ tenancyId: z.uuid().describe('The tenancy the transfer pays for') }).strict()) {}
