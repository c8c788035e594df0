import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';


export class LandlordStatusChangeDto extends createZodDto(
  z.object({ expectedVersion, reason: text({ max: 500, multiline: true }).optional() }).strict(),
) {}

export class SuspendLandlordDto extends createZodDto(
  z.object({ expectedVersion, reason: text({ max: 500, multiline: true }).describe('Why the landlord is suspended') }).strict(),
) {}
