import { date } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { LIVING_SITUATIONS } from '../../../priority/domain/priority-policy';
import { freeText, pastOrToday } from '../../household.schemas';

const flag = z.boolean().default(false);

export const assessHouseholdSchema = z
  .object({
    expectedVersion,
    assessedOn: pastOrToday,
    livingSituation: z.enum(LIVING_SITUATIONS).describe('Where the household lives now'),
    leavingInstitutionOn: date().optional().describe('Required when leaving an institution (prison, hospital, care): the day they leave'),
    monthsHomelessLast3Years: z.number().int().min(0).max(36).describe('Months without a home of their own in the last three years'),
    vulnerabilities: z
      .object({ health: flag, disability: flag, age: flag, domesticViolence: flag, children: flag })
      .strict()
      .describe('Which vulnerabilities apply; stored encrypted, shown only as score points to the board'),
    vulnerabilityDetails: freeText(5000).optional().describe('Stored encrypted'),
    notes: freeText(5000).optional().describe('Stored encrypted'),
  })
  .strict()
  .superRefine((assessment, ctx) => {
    const leaving = assessment.livingSituation === 'leaving_institution';
    if (leaving && !assessment.leavingInstitutionOn) ctx.addIssue({ code: 'custom', path: ['leavingInstitutionOn'], message: 'is required when leaving an institution' });
    if (!leaving && assessment.leavingInstitutionOn) ctx.addIssue({ code: 'custom', path: ['leavingInstitutionOn'], message: 'applies only when leaving an institution' });
  });

export class AssessHouseholdDto extends createZodDto(assessHouseholdSchema) {}
