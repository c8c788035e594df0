import { priorityPolicyWeightsSchema } from '@hearth/contracts';
import { z } from 'zod';

export type PriorityWeights = z.infer<typeof priorityPolicyWeightsSchema>;
export type LivingSituation = keyof PriorityWeights['livingSituation'];
export type Vulnerability = keyof PriorityWeights['vulnerabilities'];

export const LIVING_SITUATIONS = ['rough_sleeping', 'emergency_shelter', 'leaving_institution', 'temporary_accommodation', 'overcrowded', 'other'] as const satisfies readonly LivingSituation[];
export const VULNERABILITIES = ['health', 'disability', 'age', 'domesticViolence', 'children'] as const satisfies readonly Vulnerability[];

export interface PriorityPolicy {
  version: number;
  weights: PriorityWeights;
}

/**
 * Policy v1, in force until a board publishes another version. Points add up to a score that is
 * capped at 100:
 * - current living situation (one): rough sleeping 40, emergency shelter 30, leaving an institution
 *   30 when the leaving date is within 90 days of the assessment (half, 15, when later),
 *   temporary accommodation 20, overcrowded 12, other 5;
 * - time homeless: 1 point per month homeless in the last three years, at most 24;
 * - vulnerabilities (each that applies): health 8, disability 8, age 6, domestic violence 12,
 *   children in the household 6;
 * - board decisions: urgent status adds 20; priority adjustments add or subtract their points.
 * The highest situation + 24 months + all vulnerabilities is 104, so the cap matters only at the top.
 */
export const DEFAULT_PRIORITY_POLICY: PriorityPolicy = Object.freeze({
  version: 1,
  weights: {
    livingSituation: { rough_sleeping: 40, emergency_shelter: 30, leaving_institution: 30, temporary_accommodation: 20, overcrowded: 12, other: 5 },
    leavingInstitution: { withinDays: 90, laterShare: 0.5 },
    monthsHomeless: { pointsPerMonth: 1, maxPoints: 24 },
    vulnerabilities: { health: 8, disability: 8, age: 6, domesticViolence: 12, children: 6 },
    urgentBonus: 20,
  },
});

/** The structured assessment the score is computed from (stored encrypted: it holds health and legal circumstances). */
export interface AssessmentInput {
  assessedOn: string;
  livingSituation: LivingSituation;
  /** Only for leaving_institution: the day the person leaves prison, hospital or care. */
  leavingInstitutionOn: string | null;
  monthsHomelessLast3Years: number;
  vulnerabilities: Record<Vulnerability, boolean>;
}

/** What the board has decided about a household: urgent status and the sum of its active adjustments. */
export interface BoardStanding {
  urgent: boolean;
  adjustment: number;
}

export type BreakdownFactor = 'living_situation' | 'months_homeless' | 'vulnerability' | 'cap' | 'urgent' | 'board_adjustment' | 'bounds';

export interface BreakdownItem {
  factor: BreakdownFactor;
  /** Which situation or vulnerability, or the number of months. */
  item?: string;
  points: number;
}

export interface PriorityScore {
  policyVersion: number;
  /** The assessment alone, 0–100. */
  assessmentScore: number;
  /** With board decisions, 0–100: what the waitlist is ordered by and matching reads. */
  priority: number;
  /** Items that add up exactly to `priority`. */
  breakdown: BreakdownItem[];
}

const DAY_MS = 86_400_000;
const tenths = (points: number) => Math.round(points * 10);

/** Turns an assessment (and the board's decisions) into a 0–100 priority with a breakdown that adds up. */
export function scorePriority(policy: PriorityPolicy, assessment: AssessmentInput, board: BoardStanding = { urgent: false, adjustment: 0 }): PriorityScore {
  const { weights } = policy;
  const items: { factor: BreakdownFactor; item?: string; tenths: number }[] = [];

  items.push({ factor: 'living_situation', item: assessment.livingSituation, tenths: tenths(livingSituationPoints(weights, assessment)) });
  const months = assessment.monthsHomelessLast3Years;
  const monthPoints = Math.min(weights.monthsHomeless.maxPoints, months * weights.monthsHomeless.pointsPerMonth);
  if (monthPoints > 0) items.push({ factor: 'months_homeless', item: String(months), tenths: tenths(monthPoints) });
  for (const vulnerability of VULNERABILITIES) {
    if (assessment.vulnerabilities[vulnerability] && weights.vulnerabilities[vulnerability] > 0) {
      items.push({ factor: 'vulnerability', item: vulnerability, tenths: tenths(weights.vulnerabilities[vulnerability]) });
    }
  }
  const raw = items.reduce((sum, i) => sum + i.tenths, 0);
  if (raw > 1000) items.push({ factor: 'cap', tenths: 1000 - raw });
  const assessmentTenths = Math.min(1000, raw);

  if (board.urgent && weights.urgentBonus > 0) items.push({ factor: 'urgent', tenths: tenths(weights.urgentBonus) });
  if (board.adjustment !== 0) items.push({ factor: 'board_adjustment', tenths: tenths(board.adjustment) });
  const withBoard = items.reduce((sum, i) => sum + i.tenths, 0);
  const bounded = Math.max(0, Math.min(1000, withBoard));
  if (bounded !== withBoard) items.push({ factor: 'bounds', tenths: bounded - withBoard });

  return {
    policyVersion: policy.version,
    assessmentScore: assessmentTenths / 10,
    priority: bounded / 10,
    breakdown: items.map(({ factor, item, tenths: t }) => ({ factor, ...(item !== undefined && { item }), points: t / 10 })),
  };
}

function livingSituationPoints(weights: PriorityWeights, assessment: AssessmentInput): number {
  const points = weights.livingSituation[assessment.livingSituation];
  if (assessment.livingSituation !== 'leaving_institution' || !assessment.leavingInstitutionOn) return points;
  const daysUntilLeaving = (Date.parse(assessment.leavingInstitutionOn) - Date.parse(assessment.assessedOn)) / DAY_MS;
  return daysUntilLeaving <= weights.leavingInstitution.withinDays ? points : points * weights.leavingInstitution.laterShare;
}
