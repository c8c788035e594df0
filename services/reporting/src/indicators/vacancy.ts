import { daysBetween } from '../calendar/calendar';
import { DayStats, dayStats } from './stats';
import { Question, within } from './question';

export interface FlatRow {
  unitId: string;
  landlordId: string;
  district: string;
  buildingId: string;
}

export interface FlatStepRow {
  unitId: string;
  version: number;
  status: string;
  onDate: string;
}

/** How a vacancy spell ended: the tenancy started (the flat let), the flat reserved for the
 *  household that took it and not released by asOf (until tenancies are reported), or the flat
 *  withdrawn from the agency while empty; null while it is still vacant. */
export type SpellEnd = 'let' | 'reserved' | 'withdrawn' | null;

export interface VacancySpell {
  unitId: string;
  district: string;
  buildingId: string;
  startedOn: string;
  endedOn: string | null;
  end: SpellEnd;
  /** Days vacant: to the end, or to asOf for a spell still open. */
  days: number;
  /** The flat's first vacancy with the agency (never let or reserved before). */
  firstLet: boolean;
}

/** A flat's vacancy spells as of a day, from its status history (steps on or before asOf). A spell
 *  after a let starts on the day the previous tenancy ended (leases' TenancyEnded, `tenancyEnds`)
 *  when that end is known, on or after the let and on or before the flat became available again. */
export function vacancySpells(asOf: string, flat: FlatRow, steps: readonly FlatStepRow[], tenancyEnds: readonly string[] = []): VacancySpell[] {
  const spells: VacancySpell[] = [];
  let open: { startedOn: string; reservedOn: string | null; firstLet: boolean } | null = null;
  let filledBefore = false;
  let letOn: string | null = null;
  const close = (endedOn: string, end: Exclude<SpellEnd, null>) => {
    spells.push({ unitId: flat.unitId, district: flat.district, buildingId: flat.buildingId, startedOn: open!.startedOn, endedOn, end, days: daysBetween(open!.startedOn, endedOn), firstLet: open!.firstLet });
    open = null;
  };
  for (const step of [...steps].filter((s) => s.onDate <= asOf).sort((a, b) => a.version - b.version)) {
    switch (step.status) {
      case 'available':
        // Available again after a release or after repairs: the same spell goes on.
        if (open) open.reservedOn = null;
        else {
          const ended = letOn === null ? [] : tenancyEnds.filter((day) => day >= letOn! && day <= step.onDate && day <= asOf).sort();
          open = { startedOn: ended.length ? ended[ended.length - 1] : step.onDate, reservedOn: null, firstLet: !filledBefore };
        }
        break;
      case 'reserved':
        if (open) open.reservedOn = step.onDate;
        break;
      case 'let':
        if (open) close(step.onDate, 'let');
        filledBefore = true;
        letOn = step.onDate;
        break;
      case 'withdrawn':
        if (open) close(step.onDate, 'withdrawn');
        break;
      default:
        // draft, pending_inspection (also a suspension for repairs: the flat stays empty), vacating.
        break;
    }
  }
  const last = open as { startedOn: string; reservedOn: string | null; firstLet: boolean } | null;
  if (last?.reservedOn) close(last.reservedOn, 'reserved');
  else if (last) spells.push({ unitId: flat.unitId, district: flat.district, buildingId: flat.buildingId, startedOn: last.startedOn, endedOn: null, end: null, days: daysBetween(last.startedOn, asOf), firstLet: last.firstLet });
  return spells;
}

export interface Vacancy {
  /** Spells that ended with a let (or a reservation that held) in the period: counted in the period they end. */
  filled: { all: DayStats; firstLets: DayStats; relets: DayStats; endedByReservation: number };
  withdrawnWhileVacant: { count: number; days: DayStats };
  stillVacant: { count: number; daysSoFar: DayStats };
  /** One row per spell counted above and per spell still open (flats, never households). */
  spells: VacancySpell[];
}

/** Rows by key, each group in the order of the rows. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * Vacancy (docs/indicators.md#vacancy): days from the flat becoming available to the start of
 * the next tenancy, per spell, counted in the period the spell ends; the mean is the total days
 * divided by the number of spells (never by the number of programmes or flat types).
 */
export function vacancy(question: Question, flats: readonly FlatRow[], steps: readonly FlatStepRow[], tenancyEnds: readonly { unitId: string; endedOn: string }[] = []): Vacancy {
  const stepsOf = groupBy(steps, (step) => step.unitId);
  const endsOf = groupBy(tenancyEnds, (end) => end.unitId);
  const chosen = flats.filter((f) => (!question.district || f.district === question.district) && (!question.landlordId || f.landlordId === question.landlordId));
  return vacancyOfSpells(
    question,
    chosen.flatMap((flat) => vacancySpells(question.asOf, flat, stepsOf.get(flat.unitId) ?? [], (endsOf.get(flat.unitId) ?? []).map((end) => end.endedOn))),
  );
}

/** The same figures from the flats' spells as of asOf, already cut (by vacancySpells, or by the
 *  database as IndicatorSource.vacancy does): those counted in the period and those still open. */
export function vacancyOfSpells(question: Question, spells: readonly VacancySpell[]): Vacancy {
  const filled = spells.filter((s) => (s.end === 'let' || s.end === 'reserved') && within(s.endedOn!, question));
  const withdrawn = spells.filter((s) => s.end === 'withdrawn' && within(s.endedOn!, question));
  const open = spells.filter((s) => s.end === null);
  const days = (list: readonly VacancySpell[]) => dayStats(list.map((s) => s.days));
  return {
    filled: { all: days(filled), firstLets: days(filled.filter((s) => s.firstLet)), relets: days(filled.filter((s) => !s.firstLet)), endedByReservation: filled.filter((s) => s.end === 'reserved').length },
    withdrawnWhileVacant: { count: withdrawn.length, days: days(withdrawn) },
    stillVacant: { count: open.length, daysSoFar: days(open) },
    spells: [...filled, ...withdrawn, ...open].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.startedOn.localeCompare(b.startedOn)),
  };
}
