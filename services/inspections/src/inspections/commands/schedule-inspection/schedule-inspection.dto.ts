import { dateTime, text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** A little slack for clocks that disagree; an appointment further in the past is a mistake. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;


const inspectorId = text({ max: 200 }).describe('User id (token subject) of the inspector who will visit');
const scheduledAt = dateTime().refine((value) => Date.parse(value) >= Date.now() - CLOCK_SLACK_MS, 'must not be in the past')
  .describe('Date and time of the visit, ISO 8601 with offset');

export class ScheduleInspectionDto extends createZodDto(z.object({ inspectorId, scheduledAt, expectedVersion }).strict()) {}

export class RescheduleInspectionDto extends createZodDto(
  z
    .object({ inspectorId: inspectorId.optional(), scheduledAt: scheduledAt.optional(), expectedVersion })
    .strict()
    .refine((value) => value.inspectorId !== undefined || value.scheduledAt !== undefined, { message: 'give a new inspectorId, scheduledAt or both' }),
) {}
