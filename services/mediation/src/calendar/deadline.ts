import { toDayNumber, WorkingDayCalendar } from './working-days';

export const DEADLINE_STATES = ['on_track', 'due_soon', 'overdue', 'met', 'missed'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Share of the time left under which an open deadline is `due_soon` (less than 25 % left). */
export const DUE_SOON_SHARE = 0.25;

export interface Deadline {
  /** When the period started (the day counting starts after). */
  startedOn: string;
  /** The last working day still in time. */
  dueOn: string;
  /** When it was done; null while pending. */
  doneOn: string | null;
}

/**
 * The one rule for every time limit of the service. Done: `met` (on or before the due day) or
 * `missed`. Pending: `overdue` after the due day; `due_soon` when less than 25 % of the period's
 * working days are left (the due day itself is always due soon); otherwise `on_track`.
 */
export function deadlineState(deadline: Deadline, today: string, calendar: WorkingDayCalendar): DeadlineState {
  if (deadline.doneOn !== null) return deadline.doneOn <= deadline.dueOn ? 'met' : 'missed';
  if (toDayNumber(today) > toDayNumber(deadline.dueOn)) return 'overdue';
  const total = calendar.workingDaysBetween(deadline.startedOn, deadline.dueOn);
  const left = calendar.workingDaysBetween(today, deadline.dueOn);
  if (total === 0) return 'due_soon';
  return left / total < DUE_SOON_SHARE ? 'due_soon' : 'on_track';
}
