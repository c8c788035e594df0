/** Steps that say whether a household is available for an offer (the last one tells: paused or not). */
export const AVAILABILITY_STEPS = `('waitlisted', 'offered', 'paused', 'resumed')`;
/** Steps by which a household leaves the waitlist. */
export const LEAVING_STEPS = `('withdrawn', 'exited')`;

/** The columns of `households` that sum up its journey. */
export const JOURNEY_COLUMNS = ['first_waitlisted_on', 'first_left_on', 'last_step_on', 'last_availability', 'last_priority'] as const;

/**
 * A household's journey summed up from all its steps (those of household_steps s matching
 * `stepsWhere`), one row per household with its id and JOURNEY_COLUMNS: the first waitlisted and
 * first left days, the last step's day, the last availability step and the last priority (by
 * version). Kept on `households` and recomputed from the steps at each step, so arrival order and
 * redeliveries change nothing. As of a day on or after `last_step_on` it is the household's journey
 * as of that day; before it, the indicators read the steps (IndicatorSource).
 */
export function journeySummary(stepsWhere: string): string {
  return `
    SELECT s.household_id,
           min(s.on_date) FILTER (WHERE s.step = 'waitlisted') AS first_waitlisted_on,
           min(s.on_date) FILTER (WHERE s.step IN ${LEAVING_STEPS}) AS first_left_on,
           max(s.on_date) AS last_step_on,
           (array_agg(s.step ORDER BY s.household_version DESC) FILTER (WHERE s.step IN ${AVAILABILITY_STEPS}))[1] AS last_availability,
           (array_agg(s.priority ORDER BY s.household_version DESC) FILTER (WHERE s.priority IS NOT NULL))[1] AS last_priority
      FROM household_steps s WHERE ${stepsWhere} GROUP BY s.household_id`;
}
