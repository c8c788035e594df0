/** How serious a failed checklist item is; the order is most severe first. */
export const SEVERITIES = ['life_threatening', 'severe', 'moderate', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How long a landlord has to repair a deficiency of each severity, in milliseconds. */
export type RepairDeadlinePolicy = Record<Severity, number>;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Habitability practice: a life-threatening defect is fixed within 24 hours; severe,
 *  moderate and low ones within 30, 60 and 90 days. */
export const DEFAULT_REPAIR_DEADLINES: RepairDeadlinePolicy = {
  life_threatening: 24 * HOUR,
  severe: 30 * DAY,
  moderate: 60 * DAY,
  low: 90 * DAY,
};

export function repairDeadline(severity: Severity, foundAt: Date, policy: RepairDeadlinePolicy): Date {
  return new Date(foundAt.getTime() + policy[severity]);
}

/** One deadline per severity found (each becomes one delayed job), most severe first. */
export function distinctDeadlines(
  severities: readonly Severity[],
  foundAt: Date,
  policy: RepairDeadlinePolicy,
): { severity: Severity; deadlineAt: Date }[] {
  return SEVERITIES.filter((severity) => severities.includes(severity)).map((severity) => ({
    severity,
    deadlineAt: repairDeadline(severity, foundAt, policy),
  }));
}

/** `life_threatening` before `severe` …; for sorting and for "the most severe". */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function mostSevere(severities: readonly Severity[]): Severity | null {
  return SEVERITIES.find((severity) => severities.includes(severity)) ?? null;
}
