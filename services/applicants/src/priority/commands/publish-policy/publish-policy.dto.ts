import { int, MAX_INT, text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PriorityWeights } from '../../domain/priority-policy';

const points = z.number().min(0).max(100).multipleOf(0.1);

/** The weights of a policy, every field required and nothing unknown (an unknown weight is a typo, not an extension). */
export const weightsSchema = z.strictObject({
  livingSituation: z.strictObject({
    rough_sleeping: points,
    emergency_shelter: points,
    leaving_institution: points.describe('When the leaving date is within leavingInstitution.withinDays of the assessment'),
    temporary_accommodation: points,
    overcrowded: points,
    other: points,
  }),
  leavingInstitution: z.strictObject({
    withinDays: z.number().int().min(0).max(3650),
    laterShare: z.number().min(0).max(1).describe('Share of the points when the leaving date is further away'),
  }),
  monthsHomeless: z.strictObject({ pointsPerMonth: points, maxPoints: points }),
  vulnerabilities: z.strictObject({ health: points, disability: points, age: points, domesticViolence: points, children: points }),
  urgentBonus: points.describe('Added for households the board declared urgent'),
}) satisfies z.ZodType<PriorityWeights>;

export class PublishPolicyDto extends createZodDto(
  z
    .object({
      weights: weightsSchema,
      summary: text({ min: 10, max: 2000, multiline: true }).describe('What changed and why, as the board decided it'),
      expectedCurrentVersion: int({ min: 1, max: MAX_INT }).optional().describe('The version in force you started from; a newer one is refused with 409 POLICY.STALE'),
    })
    .strict(),
) {}
