import { InvalidTransitionError, withArticle } from '@hearth/platform';
import { addDays, addMonths, daysBetween, daysInMonth, firstDayOf, lastDayOf, maxDate, minDate, monthOf, monthsBetween } from '../../ledger/domain/calendar';
import { roundDiv } from '../../ledger/domain/ledger';

/**
 * The claim engine's rules, in whole days and integer cents. A guarantee claim is the owner's
 * claim on the agency's guarantee: unpaid rent (arrears), damage at exit, legal costs, vacancy —
 * each within the agreement's coverage.
 */

export type ClaimKind = 'arrears' | 'damage' | 'legal_costs' | 'vacancy';
export type ClaimStatus = 'opened' | 'submitted' | 'approved' | 'partly_approved' | 'rejected' | 'paid' | 'recovering';
export type ClaimDecision = 'approved' | 'partly_approved' | 'rejected';
export type ClaimTransition = 'submit' | 'decide' | 'pay' | 'recover';

/** opened → submitted → approved / partly approved / rejected → paid to the owner → recovery from the household. */
const transitions: Record<ClaimTransition, readonly ClaimStatus[]> = {
  submit: ['opened'],
  decide: ['submitted'],
  pay: ['approved', 'partly_approved'],
  recover: ['paid'],
};

const verbs: Record<ClaimTransition, string> = { submit: 'submitted', decide: 'decided', pay: 'paid', recover: 'recovered from the household' };

export function assertClaimTransition(status: ClaimStatus, transition: ClaimTransition): void {
  if (!transitions[transition].includes(status)) {
    throw new InvalidTransitionError('CLAIM.INVALID_TRANSITION', `${withArticle(status.replace('_', ' '))} claim cannot be ${verbs[transition]}`);
  }
}

/** Deadlines of the arrears ladder, in days (configuration). */
export interface ClaimDeadlines {
  /** The formal notice is sent within this many days of the arrears being established (15). */
  noticeWithinDays: number;
  /** The formal notice gives the household this many days to pay (8). */
  noticePayDays: number;
  /** The claim is filed within this many days of the arrears being established (30). */
  claimWithinDays: number;
  /** Each further unpaid month is added within this many days of its due date (30). */
  monthWithinDays: number;
  /** At most this many months of rent are claimed over a tenancy (all its arrears claims together). */
  maxMonths: number;
}

export const noticeDeadline = (establishedOn: string, d: ClaimDeadlines) => addDays(establishedOn, d.noticeWithinDays);
export const noticePayBy = (sentOn: string, d: ClaimDeadlines) => addDays(sentOn, d.noticePayDays);
export const claimFileBy = (establishedOn: string, d: ClaimDeadlines) => addDays(establishedOn, d.claimWithinDays);
export const monthAddBy = (dueOn: string, d: ClaimDeadlines) => addDays(dueOn, d.monthWithinDays);

/** The claim is filed once the formal notice's time to pay has run out (the day after its pay-by date). */
export const claimDueOn = (noticeSentOn: string, d: ClaimDeadlines) => addDays(noticePayBy(noticeSentOn, d), 1);

export interface MonthCharge {
  month: string;
  dueOn: string;
  amountCents: number;
}

export interface OpenMonth {
  month: string;
  dueOn: string;
  /** What is still unpaid of the month's charge. */
  openCents: number;
}

/**
 * Months whose charge is past due (due before today) and not wholly paid, payments settling the
 * oldest charges first (as the ledger does), oldest first.
 */
export function unpaidMonths(charges: readonly MonthCharge[], paidCents: number, today: string): OpenMonth[] {
  const sorted = [...charges].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  let unallocated = paidCents;
  const open: OpenMonth[] = [];
  for (const charge of sorted) {
    const paid = Math.min(charge.amountCents, Math.max(0, unallocated));
    unallocated -= paid;
    if (charge.amountCents - paid > 0 && charge.dueOn < today) open.push({ month: charge.month, dueOn: charge.dueOn, openCents: charge.amountCents - paid });
  }
  return open;
}

/** The months to claim now: unpaid months not claimed yet, oldest first, as many as the cap still allows. */
export function monthsToClaim(unpaid: readonly OpenMonth[], claimed: ReadonlySet<string>, maxMonths: number): OpenMonth[] {
  const room = Math.max(0, maxMonths - claimed.size);
  return unpaid.filter((m) => !claimed.has(m.month)).slice(0, room);
}

/** Deficiencies found by an inspection, by severity. */
export interface Deficiencies {
  life_threatening: number;
  severe: number;
  moderate: number;
  low: number;
}

export const SEVERITIES = ['life_threatening', 'severe', 'moderate', 'low'] as const;

/** What the move-out inspection found that the move-in inspection did not: per severity, never negative. */
export function newDeficiencies(moveIn: Deficiencies | null, moveOut: Deficiencies): Deficiencies {
  const before = moveIn ?? { life_threatening: 0, severe: 0, moderate: 0, low: 0 };
  return {
    life_threatening: Math.max(0, moveOut.life_threatening - before.life_threatening),
    severe: Math.max(0, moveOut.severe - before.severe),
    moderate: Math.max(0, moveOut.moderate - before.moderate),
    low: Math.max(0, moveOut.low - before.low),
  };
}

/** The repair cost of deficiencies at a tariff per deficiency of each severity (cents). */
export function repairCostCents(deficiencies: Deficiencies, tariff: Deficiencies): number {
  return SEVERITIES.reduce((sum, s) => sum + deficiencies[s] * tariff[s], 0);
}

/**
 * Whole months of occupation from the first day to the last day, both included: the largest n
 * with start + n months ≤ the day after the last day (a month from 31 January ends on 28 or
 * 29 February, as `addMonths` clamps).
 */
export function occupationMonths(startDate: string, lastDay: string): number {
  const end = addDays(lastDay, 1);
  if (end <= startDate) return 0;
  let n = Math.max(0, (Number(end.slice(0, 4)) - Number(startDate.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(startDate.slice(5, 7)) - 1);
  while (addMonths(startDate, n + 1) <= end) n += 1;
  return n;
}

export interface DamageProposal {
  grossCents: number;
  occupationMonths: number;
  wearCents: number;
  capCents: number;
  /** gross − wear, at most the cap. */
  claimedCents: number;
}

/**
 * The damage claimed: the repair cost reduced for normal wear — `wearBasisPointsPerYear` of the
 * cost for each year of occupation, counted in whole months (cost × rate × months / (10,000 × 12),
 * rounded half up, at most the whole cost) — then capped by the agreement's damage cover.
 */
export function damageClaim(input: { grossCents: number; startDate: string; lastDay: string; wearBasisPointsPerYear: number; capCents: number }): DamageProposal {
  const months = occupationMonths(input.startDate, input.lastDay);
  const wearCents = Math.min(input.grossCents, roundDiv(input.grossCents * input.wearBasisPointsPerYear * months, 10_000 * 12));
  return { grossCents: input.grossCents, occupationMonths: months, wearCents, capCents: input.capCents, claimedCents: Math.min(input.capCents, input.grossCents - wearCents) };
}

/** The guaranteed rent of an empty period, month by month, prorated by day within each month (half up). */
export function vacancyCents(guaranteedRentCents: number, from: string, to: string): { month: string; days: number; amountCents: number }[] {
  if (to < from) return [];
  return monthsBetween(monthOf(from), monthOf(to)).map((month) => {
    const days = daysBetween(maxDate(from, firstDayOf(month)), minDate(to, lastDayOf(month))) + 1;
    const inMonth = daysInMonth(month);
    return { month, days, amountCents: days === inMonth ? guaranteedRentCents : roundDiv(guaranteedRentCents * days, inMonth) };
  });
}

/** A period of days, both ends included (a null end: open-ended). */
export interface DayPeriod {
  from: string;
  to: string | null;
}

/** Days of `month` within both periods. */
function daysInBoth(month: string, a: DayPeriod, b: DayPeriod): number {
  const first = maxDate(firstDayOf(month), maxDate(a.from, b.from));
  const last = minDate(lastDayOf(month), minDate(a.to ?? lastDayOf(month), b.to ?? lastDayOf(month)));
  return last < first ? 0 : daysBetween(first, last) + 1;
}

/**
 * What part of a claim the owner's guaranteed rent already covers (decision 0026): the owner is
 * owed the guaranteed rent for every day of the head lease, let, empty or unpaid, so the rent a
 * claim asks for such a day has been (or will be) paid to the owner already. Per claimed month, the
 * share of its amount for the days both claimed and under the head lease (cents × covered days ÷
 * claimed days, half up). Damage and legal costs are not rent: nothing of them is covered.
 */
export function coveredByGuaranteedRentCents(input: {
  kind: ClaimKind;
  /** The days the claim's months are for: the tenancy (arrears) or the empty period (vacancy). */
  claimed: DayPeriod;
  headLease: DayPeriod;
  months: readonly { month: string; amountCents: number }[];
}): number {
  if (input.kind !== 'arrears' && input.kind !== 'vacancy') return 0;
  const wholeMonth = { from: '0001-01-01', to: null };
  return input.months.reduce((sum, m) => {
    const claimedDays = daysInBoth(m.month, input.claimed, wholeMonth);
    const coveredDays = daysInBoth(m.month, input.claimed, input.headLease);
    return sum + (claimedDays === 0 ? 0 : roundDiv(m.amountCents * coveredDays, claimedDays));
  }, 0);
}

/**
 * How a paid claim is shared (decision 0026): of the approved amount, the agency keeps the
 * proportion of the claim the guaranteed rent already covered — it paid the owner for those days —
 * and the owner receives the rest. Half up to the cent on the agency's share; the two add up to
 * the approved amount exactly.
 */
export function claimShares(approvedCents: number, claimedCents: number, coveredCents: number): { ownerCents: number; agencyCents: number } {
  if (approvedCents === 0 || claimedCents === 0) return { ownerCents: approvedCents, agencyCents: 0 };
  const covered = BigInt(Math.min(coveredCents, claimedCents));
  const numerator = BigInt(approvedCents) * covered;
  const claimed = BigInt(claimedCents);
  const agencyCents = Number(numerator / claimed + ((numerator % claimed) * 2n >= claimed ? 1n : 0n));
  return { ownerCents: approvedCents - agencyCents, agencyCents };
}
