import { dateTime, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_INTENSITIES, PARTY_KINDS } from '../../domain/complaint.entity';

const party = z
  .object({
    kind: z.enum(PARTY_KINDS),
    ref: z.uuid().optional().describe('The household id, neighbour record id or landlord id (by reference, never a name)'),
  })
  .strict();

export const fileComplaintSchema = z
  .object({
    unitId: z.uuid().describe('The flat the complaint is about'),
    tenancyId: z.uuid().optional().describe('The tenancy concerned; found from the flat’s active tenancy when left out'),
    category: z.enum(COMPLAINT_CATEGORIES),
    intensity: z.enum(COMPLAINT_INTENSITIES),
    channel: z.enum(COMPLAINT_CHANNELS),
    description: text({ max: 4000, multiline: true }).describe('What happened, in the complainant’s words (kept encrypted, never in events)'),
    complainant: party,
    respondent: party,
    receivedAt: dateTime().optional().describe('When the complaint reached the agency (a letter entered later); now when left out'),
    handlerId: z.string().trim().min(1).max(200).optional().describe('Who handles stage 1 (staff only); the staff member entering it when left out'),
  })
  .strict();

export class FileComplaintDto extends createZodDto(fileComplaintSchema) {}
