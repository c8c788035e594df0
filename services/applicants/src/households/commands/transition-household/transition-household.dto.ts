import { exitReasonSchema, pauseReasonSchema, withdrawalReasonSchema } from '@hearth/contracts';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { freeText } from '../../household.schemas';

const note = freeText(2000).optional().describe('Stored encrypted');

export class HouseholdStatusChangeDto extends createZodDto(z.object({ expectedVersion }).strict()) {}

export class PauseHouseholdDto extends createZodDto(
  z
    .object({
      expectedVersion,
      reason: pauseReasonSchema.exclude(['consent_withdrawn']).describe('Withdrawing consent pauses a household by itself'),
      note,
    })
    .strict(),
) {}

export class WithdrawHouseholdDto extends createZodDto(z.object({ expectedVersion, reason: withdrawalReasonSchema, note }).strict()) {}

export class ExitHouseholdDto extends createZodDto(
  z.object({ expectedVersion, reason: exitReasonSchema.exclude(['erased']).describe('Erasure has its own endpoint'), note }).strict(),
) {}
