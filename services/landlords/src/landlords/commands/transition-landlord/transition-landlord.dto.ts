import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';


export class LandlordStatusChangeDto extends createZodDto(
  z.object({ expectedVersion, reason: z.string().trim().min(1).max(500).optional() }).strict(),
) {}

export class SuspendLandlordDto extends createZodDto(
  z.object({ expectedVersion, reason: z.string().trim().min(1).max(500).describe('Why the landlord is suspended') }).strict(),
) {}
