import { addMonths } from '../../ledger/domain/calendar';

export interface Instalment {
  seq: number;
  dueOn: string;
  amountCents: number;
}

/** Splits a total into monthly instalments in whole cents, the remainder cents on the first ones (1,000.00 in 3 = 333.34, 333.33, 333.33). */
export function instalmentsFor(totalCents: number, count: number, firstDueDate: string): Instalment[] {
  const base = Math.floor(totalCents / count);
  const remainder = totalCents - base * count;
  return Array.from({ length: count }, (_, i) => ({ seq: i + 1, dueOn: addMonths(firstDueDate, i), amountCents: base + (i < remainder ? 1 : 0) }));
}

/** Where an instalment stands: wholly covered (`paid`, even ahead of its day), not yet wholly covered but falling due today or later (`due`), or not wholly covered after its day (`missed`). */
export type InstalmentState = 'paid' | 'due' | 'missed';

export interface InstalmentStanding extends Instalment {
  state: InstalmentState;
  /** How much of the instalment what was paid covers so far: all of a paid one, part or none of the others. */
  coveredCents: number;
}

/**
 * Each instalment's standing on `today`. What the household paid since the plan was agreed goes to
 * the rent charged since first (the running rent comes first), then to the instalments in order.
 * An instalment is due on its day and missed the day after, unless wholly covered by then.
 */
export function instalmentStandings(
  instalments: readonly Instalment[],
  paidSinceCents: number,
  chargedSinceCents: number,
  today: string,
): InstalmentStanding[] {
  let left = paidSinceCents - chargedSinceCents;
  return instalments.map((instalment) => {
    const coveredCents = Math.min(instalment.amountCents, Math.max(0, left));
    left -= instalment.amountCents;
    const state: InstalmentState = coveredCents === instalment.amountCents ? 'paid' : instalment.dueOn >= today ? 'due' : 'missed';
    return { ...instalment, state, coveredCents };
  });
}

/**
 * A plan is kept while what the household paid since it was agreed covers the rent charged since
 * plus every instalment already due (instalmentStandings: none missed).
 * Returns the first instalment missed, if any.
 */
export function firstMissedInstalment(
  instalments: readonly Instalment[],
  paidSinceCents: number,
  chargedSinceCents: number,
  today: string,
): Instalment | null {
  const index = instalmentStandings(instalments, paidSinceCents, chargedSinceCents, today).findIndex((standing) => standing.state === 'missed');
  return index < 0 ? null : instalments[index];
}
