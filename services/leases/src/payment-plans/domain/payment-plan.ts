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

/**
 * A plan is kept while what the household paid since it was agreed covers the rent charged since
 * plus every instalment already due (an instalment is due on its day and missed the day after).
 * Returns the first instalment missed, if any.
 */
export function firstMissedInstalment(
  instalments: readonly Instalment[],
  paidSinceCents: number,
  chargedSinceCents: number,
  today: string,
): Instalment | null {
  let owed = chargedSinceCents;
  for (const instalment of instalments) {
    if (instalment.dueOn >= today) break;
    owed += instalment.amountCents;
    if (paidSinceCents < owed) return instalment;
  }
  return null;
}
