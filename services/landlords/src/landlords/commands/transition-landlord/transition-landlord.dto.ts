import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const expectedVersion = z.number().int().positive().optional().describe('The version you edited from; a stale one is refused with 409');

export class LandlordStatusChangeDto extends createZodDto(
  z.object({ expectedVersion, reason: z.string().trim().min(1).max(500).optional() }).strict(),
) {}

export class SuspendLandlordDto extends createZodDto(
  z.object({ expectedVersion, reason: z.string().trim().min(1).max(500).describe('Why the landlord is suspended') }).strict(),
) {}
