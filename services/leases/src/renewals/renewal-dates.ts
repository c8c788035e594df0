import { addDays } from '../ledger/domain/calendar';

/**
 * The reminder due for a contract ending on `endDate` (its last day), on `today`: the nearest
 * threshold (days before the end) already reached, or null before the first one and after the end.
 * A sweep that missed a threshold (the service was down) raises the nearest one only.
 */
export function reminderDue(endDate: string, today: string, thresholds: readonly number[]): number | null {
  if (today > endDate) return null;
  const reached = thresholds.filter((days) => addDays(endDate, -days) <= today);
  return reached.length > 0 ? Math.min(...reached) : null;
}
