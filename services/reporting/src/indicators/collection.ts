import { exactRate, Rate } from './stats';
import { Question } from './question';

/** Rent charged in one month of the period (due day in the period), summed in the database after the filters. */
export interface ChargeTotal {
  month: string;
  charges: number;
  cents: number;
}

/** Payments received in one month of the period from one source (a reversal counts negative). */
export interface PaymentTotal {
  month: string;
  source: string;
  payments: number;
  cents: number;
}

export const PAYMENT_SOURCES = ['staff', 'bank_import', 'benefit'] as const;

export interface Collection {
  /** Rent and charges falling due in the period (RentCharged.dueDate), in integer cents. */
  chargedCents: number;
  charges: number;
  /** Payments received in the period (PaymentRecorded.receivedOn), net of reversals, in integer cents. */
  collectedCents: number;
  payments: number;
  /** collected ÷ charged, exactly (may exceed 100 % when arrears are paid back). */
  collectionRate: Rate;
  bySource: { source: string; payments: number; collectedCents: number }[];
  /** Each calendar month of the period (cut to the period at both ends). */
  byMonth: { month: string; chargedCents: number; collectedCents: number; collectionRate: Rate }[];
}

/** The calendar months from `from`'s to `to`'s, as YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) return months;
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/**
 * Collection rate (docs/indicators.md#collection): over the period, the rent payments received ÷
 * the rent charges falling due, both in integer cents, overall, per source of payment and per month.
 */
export function collection(question: Question, charges: readonly ChargeTotal[], payments: readonly PaymentTotal[]): Collection {
  const sum = <T>(rows: readonly T[], of: (row: T) => number) => rows.reduce((total, row) => total + Number(of(row)), 0);
  const chargedCents = sum(charges, (c) => c.cents);
  const collectedCents = sum(payments, (p) => p.cents);
  return {
    chargedCents,
    charges: sum(charges, (c) => c.charges),
    collectedCents,
    payments: sum(payments, (p) => p.payments),
    collectionRate: exactRate(collectedCents, chargedCents),
    bySource: PAYMENT_SOURCES.map((source) => {
      const group = payments.filter((p) => p.source === source);
      return { source, payments: sum(group, (p) => p.payments), collectedCents: sum(group, (p) => p.cents) };
    }),
    byMonth: monthsOf(question.from, question.to).map((month) => {
      const charged = sum(
        charges.filter((c) => c.month === month),
        (c) => c.cents,
      );
      const collected = sum(
        payments.filter((p) => p.month === month),
        (p) => p.cents,
      );
      return { month, chargedCents: charged, collectedCents: collected, collectionRate: exactRate(collected, charged) };
    }),
  };
}
