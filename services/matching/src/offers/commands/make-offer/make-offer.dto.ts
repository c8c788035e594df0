import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const expectedVersion = z.number().int().positive().optional().describe('The version you acted on; stale → 409 CONCURRENCY.STALE');

export class MakeOfferDto extends createZodDto(z.object({ expectedVersion }).strict()) {}
