import { daysBetween } from '../calendar/calendar';
import { DayStats, dayStats, dayStatsFrom } from './stats';
import { PROGRAMMES, Question, within } from './question';

/** One household as of a day, as the database aggregates it from its steps and offers up to that
 *  day (IndicatorSource.timeToHouse). */
export interface JourneyRow {
  householdId: string;
  programme: string | null;
  registeredOn: string | null;
  /** Its first waitlisted step on or before asOf. */
  firstWaitlistedOn: string | null;
  /** Its first accepted offer on or before asOf that had not fallen through by asOf. */
  housedOn: string | null;
  /** Whether housedOn is the start of its first tenancy (true) or the acceptance standing in for it. */
  housedOnTenancyStart: boolean;
  /** Its first withdrawn or exited step on or before asOf. */
  firstLeftOn: string | null;
  /** Its last step among waitlisted, offered, paused and resumed (by version). */
  lastAvailability: string | null;
  /** Its last priority score published on or before the day it was housed (or asOf). */
  priority: number | null;
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

/** The same bands in SQL, of a `priority` column. */
export const PRIORITY_BAND_SQL = `CASE WHEN priority IS NULL THEN 'unknown' WHEN priority >= 75 THEN '75-100' WHEN priority >= 50 THEN '50-75' WHEN priority >= 25 THEN '25-50' ELSE '0-25' END`;

/** Where one household stands as of a day. */
export interface Journey {
  householdId: string;
  programme: string;
  registeredOn: string | null;
  firstWaitlistedOn: string | null;
  housedOn: string | null;
  housedOnTenancyStart: boolean;
  leftOn: string | null;
  paused: boolean;
  band: PriorityBand;
}

export function journey(row: JourneyRow): Journey {
  return {
    householdId: row.householdId,
    programme: row.programme ?? 'unknown',
    registeredOn: row.registeredOn,
    firstWaitlistedOn: row.firstWaitlistedOn,
    housedOn: row.housedOn,
    housedOnTenancyStart: row.housedOnTenancyStart === true,
    // Leaving after being housed is not leaving the waitlist.
    leftOn: row.firstLeftOn !== null && (row.housedOn === null || row.firstLeftOn < row.housedOn) ? row.firstLeftOn : null,
    paused: row.lastAvailability === 'paused',
    band: priorityBand(row.priority === null ? null : Number(row.priority)),
  };
}

export interface WaitFigures {
  /** Days from the first day on the waitlist. */
  fromWaitlisted: DayStats;
  /** Days from registration. */
  fromRegistration: DayStats;
}

export interface TimeToHouse {
  housed: WaitFigures;
  /** Of the households housed in the period: housed on their tenancy's start, or on the acceptance standing in for it. */
  housedOnTenancyStart: number;
  housedOnAcceptance: number;
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

/** Households still waiting on asOf, summed up by the database: all of them (programme and band
 *  null), those of one programme, or those of one priority band. */
export interface WaitingGroupRow extends Record<string, unknown> {
  programme: string | null;
  band: PriorityBand | null;
  count: number;
  paused: number;
}

export interface WaitingGroup extends WaitFigures {
  programme: string | null;
  band: PriorityBand | null;
  count: number;
  paused: number;
}

/** A group's days waited so far, from waitlisted (columns w_*) and from registration (r_*). */
export function waitingGroup(row: WaitingGroupRow): WaitingGroup {
  return {
    programme: row.programme,
    band: row.band,
    count: row.count,
    paused: row.paused,
    fromWaitlisted: dayStatsFrom(row, 'w'),
    fromRegistration: dayStatsFrom(row, 'r'),
  };
}

/**
 * Time to house (docs/indicators.md#time-to-house): households housed in the period (the start of
 * their first tenancy, or the day the offer they took was accepted while no tenancy has started), days from their first day on
 * the waitlist and from registration; and households still waiting on `asOf` — waitlisted on or
 * before it, neither housed nor gone (withdrawn, exited) by then — with the days waited so far,
 * summed up per group by the database (`waiting`: all, by programme, by band).
 */
export function timeToHouse(question: Question, journeys: readonly Journey[], waiting: readonly WaitingGroup[]): TimeToHouse {
  const population = question.programme ? journeys.filter((j) => j.programme === question.programme) : journeys;
  const housed = population.filter((j) => j.housedOn !== null && within(j.housedOn, question));
  const housedEnd = (j: Journey) => j.housedOn!;
  const programmes = question.programme ? [question.programme] : [...PROGRAMMES];
  const waitFigures = (group: WaitingGroup | undefined): WaitFigures => ({
    fromWaitlisted: group?.fromWaitlisted ?? dayStats([]),
    fromRegistration: group?.fromRegistration ?? dayStats([]),
  });
  const all = waiting.find((g) => g.programme === null && g.band === null);
  return {
    housed: figures(housed, housedEnd),
    housedOnTenancyStart: housed.filter((j) => j.housedOnTenancyStart).length,
    housedOnAcceptance: housed.filter((j) => !j.housedOnTenancyStart).length,
    housedByProgramme: programmes.map((programme) => ({ programme, ...figures(housed.filter((j) => j.programme === programme), housedEnd) })),
    housedByPriorityBand: PRIORITY_BANDS.map((band) => ({ band, ...figures(housed.filter((j) => j.band === band), housedEnd) })),
    stillWaiting: { count: all?.count ?? 0, paused: all?.paused ?? 0, ...waitFigures(all) },
    stillWaitingByProgramme: programmes.map((programme) => {
      const group = waiting.find((g) => g.programme === programme);
      return { programme, count: group?.count ?? 0, ...waitFigures(group) };
    }),
    stillWaitingByPriorityBand: PRIORITY_BANDS.map((band) => {
      const group = waiting.find((g) => g.band === band);
      return { band, count: group?.count ?? 0, ...waitFigures(group) };
    }),
  };
}
