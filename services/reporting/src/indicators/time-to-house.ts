import { daysBetween } from '../calendar/calendar';
import { DayStats, dayStats } from './stats';
import { PROGRAMMES, Question, within } from './question';

export interface HouseholdRow {
  householdId: string;
  programme: string | null;
  registeredOn: string | null;
}

export interface HouseholdStepRow {
  householdId: string;
  version: number;
  step: string;
  onDate: string;
  priority: number | null;
}

export interface AcceptanceRow {
  householdId: string;
  acceptedOn: string;
  withdrawnOn: string | null;
  withdrawnFrom: string | null;
}

/** Priority bands (docs/indicators.md#priority-bands): the score 0–100 cut at 25, 50 and 75. */
export const PRIORITY_BANDS = ['75-100', '50-75', '25-50', '0-25', 'unknown'] as const;
export type PriorityBand = (typeof PRIORITY_BANDS)[number];

export function priorityBand(priority: number | null): PriorityBand {
  if (priority === null) return 'unknown';
  if (priority >= 75) return '75-100';
  if (priority >= 50) return '50-75';
  if (priority >= 25) return '25-50';
  return '0-25';
}

/** Where one household stands as of a day, built from its steps and offers up to that day. */
export interface Journey {
  householdId: string;
  programme: string;
  registeredOn: string | null;
  firstWaitlistedOn: string | null;
  housedOn: string | null;
  leftOn: string | null;
  paused: boolean;
  band: PriorityBand;
}

const LEAVING = new Set(['withdrawn', 'exited']);
const AVAILABILITY = new Set(['waitlisted', 'offered', 'paused', 'resumed']);

/** Steps and acceptances must already be limited to those on or before `asOf`. */
export function journeysAsOf(
  asOf: string,
  households: readonly HouseholdRow[],
  steps: readonly HouseholdStepRow[],
  acceptances: readonly AcceptanceRow[],
): Journey[] {
  const stepsOf = new Map<string, HouseholdStepRow[]>();
  for (const step of steps) {
    if (step.onDate > asOf) continue;
    const list = stepsOf.get(step.householdId) ?? [];
    list.push(step);
    stepsOf.set(step.householdId, list);
  }
  const housedOn = new Map<string, string>();
  for (const offer of acceptances) {
    if (offer.acceptedOn > asOf) continue;
    // An accepted offer that fell through (withdrawn after acceptance) by asOf housed nobody.
    if (offer.withdrawnFrom === 'accepted' && offer.withdrawnOn !== null && offer.withdrawnOn <= asOf) continue;
    const known = housedOn.get(offer.householdId);
    if (!known || offer.acceptedOn < known) housedOn.set(offer.householdId, offer.acceptedOn);
  }
  return households.map((household) => {
    const own = (stepsOf.get(household.householdId) ?? []).sort((a, b) => a.version - b.version);
    const housed = housedOn.get(household.householdId) ?? null;
    const waitlisted = own.filter((s) => s.step === 'waitlisted').map((s) => s.onDate);
    const firstWaitlistedOn = waitlisted.length ? waitlisted.reduce((a, b) => (b < a ? b : a)) : null;
    const leaving = own.find((s) => LEAVING.has(s.step) && (housed === null || s.onDate < housed));
    const lastAvailability = [...own].reverse().find((s) => AVAILABILITY.has(s.step));
    const bandDay = housed ?? asOf;
    const lastPriority = [...own].reverse().find((s) => s.priority !== null && s.onDate <= bandDay);
    return {
      householdId: household.householdId,
      programme: household.programme ?? 'unknown',
      registeredOn: household.registeredOn,
      firstWaitlistedOn,
      housedOn: housed,
      leftOn: leaving?.onDate ?? null,
      paused: lastAvailability?.step === 'paused',
      band: priorityBand(lastPriority ? Number(lastPriority.priority) : null),
    };
  });
}

export interface WaitFigures {
  /** Days from the first day on the waitlist. */
  fromWaitlisted: DayStats;
  /** Days from registration. */
  fromRegistration: DayStats;
}

export interface TimeToHouse {
  housed: WaitFigures;
  housedByProgramme: ({ programme: string } & WaitFigures)[];
  housedByPriorityBand: ({ band: PriorityBand } & WaitFigures)[];
  stillWaiting: WaitFigures & { count: number; paused: number };
  stillWaitingByProgramme: ({ programme: string; count: number } & WaitFigures)[];
  stillWaitingByPriorityBand: ({ band: PriorityBand; count: number } & WaitFigures)[];
}

function figures(journeys: readonly Journey[], end: (j: Journey) => string): WaitFigures {
  return {
    fromWaitlisted: dayStats(journeys.filter((j) => j.firstWaitlistedOn !== null).map((j) => daysBetween(j.firstWaitlistedOn!, end(j)))),
    fromRegistration: dayStats(journeys.filter((j) => j.registeredOn !== null).map((j) => daysBetween(j.registeredOn!, end(j)))),
  };
}

/**
 * Time to house (docs/indicators.md#time-to-house): households housed in the period (the day
 * the offer they took was accepted, until tenancies are reported), days from their first day on
 * the waitlist and from registration; and households still waiting on `asOf` — waitlisted on or
 * before it, neither housed nor gone (withdrawn, exited) by then — with the days waited so far.
 */
export function timeToHouse(question: Question, journeys: readonly Journey[]): TimeToHouse {
  const population = question.programme ? journeys.filter((j) => j.programme === question.programme) : journeys;
  const housed = population.filter((j) => j.housedOn !== null && within(j.housedOn, question));
  const waiting = population.filter((j) => j.firstWaitlistedOn !== null && j.housedOn === null && j.leftOn === null);
  const housedEnd = (j: Journey) => j.housedOn!;
  const waitingEnd = () => question.asOf;
  const programmes = question.programme ? [question.programme] : [...PROGRAMMES];
  return {
    housed: figures(housed, housedEnd),
    housedByProgramme: programmes.map((programme) => ({ programme, ...figures(housed.filter((j) => j.programme === programme), housedEnd) })),
    housedByPriorityBand: PRIORITY_BANDS.map((band) => ({ band, ...figures(housed.filter((j) => j.band === band), housedEnd) })),
    stillWaiting: { count: waiting.length, paused: waiting.filter((j) => j.paused).length, ...figures(waiting, waitingEnd) },
    stillWaitingByProgramme: programmes.map((programme) => {
      const group = waiting.filter((j) => j.programme === programme);
      return { programme, count: group.length, ...figures(group, waitingEnd) };
    }),
    stillWaitingByPriorityBand: PRIORITY_BANDS.map((band) => {
      const group = waiting.filter((j) => j.band === band);
      return { band, count: group.length, ...figures(group, waitingEnd) };
    }),
  };
}
