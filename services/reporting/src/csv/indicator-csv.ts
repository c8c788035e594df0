import { Language, labels } from '../i18n/labels';
import { IndicatorAnswer } from '../indicators/indicator-answers';
import { Departure } from '../indicators/priority-departures';
import { VacancySpell } from '../indicators/vacancy';
import { toCsv } from './csv';

const GROUP_KEYS = ['programme', 'band', 'reason', 'mode', 'district', 'mark', 'window', 'bucket', 'category', 'outcome', 'month', 'source', 'kind', 'justification'] as const;

export interface Line {
  group: string | null;
  path: string[];
  value: number | boolean | null;
}

function flatten(value: unknown, path: string[], group: string | null, out: Line[]): void {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    out.push({ group, path, value });
    return;
  }
  if (Array.isArray(value)) {
    for (const element of value as Record<string, unknown>[]) {
      const groupKey = GROUP_KEYS.find((key) => typeof element[key] === 'string');
      const rest = Object.fromEntries(Object.entries(element).filter(([key, v]) => key !== groupKey && typeof v !== 'string'));
      // A building is named by its district and its id, as the agency knows them (codes, not translated).
      const name = typeof element.buildingId === 'string' ? `${String(element.district)} ${element.buildingId}` : groupKey ? String(element[groupKey]) : group;
      flatten(rest, path, name, out);
    }
    return;
  }
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'spells' || key === 'list') continue; // a table of its own (?table=spells, ?table=departures)
      if (key === 'capsFrom') continue; // ids and a day: in the JSON answer
      if (key === 'curve') continue; // the Kaplan–Meier steps, in the JSON answer only
      flatten(inner, [...path, key], group, out);
    }
  }
}

/** Every figure of an answer with its group (null when not broken down) and its path of measures. */
export function figureLines(answer: IndicatorAnswer): Line[] {
  const lines: Line[] = [];
  flatten(answer.figures, [], null, lines);
  return lines;
}

/** Every figure of an answer as one row: indicator, as of, period, group, measure, value — labels in the reader's language. */
export function indicatorCsv(answer: IndicatorAnswer, language: Language): string {
  const t = labels(language);
  const lines = figureLines(answer);
  const title = t(`indicators.${answer.indicator}.title`);
  return toCsv(
    ['indicator', 'asOf', 'from', 'to', 'group', 'measure', 'value'].map((column) => t(`columns.${column}`)),
    lines.map((line) => [
      title,
      answer.asOf,
      answer.from,
      answer.to,
      line.group === null ? null : t(`groups.${line.group}`, line.group),
      line.path.map((segment) => t(`measures.${segment}`)).join(' – '),
      typeof line.value === 'boolean' ? t(line.value ? 'yes' : 'no') : line.value,
    ]),
  );
}

/** The vacancy spells (flats, never households) as a table. */
export function spellsCsv(spells: readonly VacancySpell[], language: Language): string {
  const t = labels(language);
  return toCsv(
    ['unit', 'district', 'building', 'startedOn', 'endedOn', 'end', 'days', 'firstLet'].map((column) => t(`columns.${column}`)),
    spells.map((s) => [s.unitId, s.district, s.buildingId, s.startedOn, s.endedOn, t(`ends.${s.end ?? 'open'}`), s.days, t(s.firstLet ? 'yes' : 'no')]),
  );
}

/** The departures from strict priority order (runs, flats and priorities, never households) as a table. */
export function departuresCsv(departures: readonly Departure[], language: Language): string {
  const t = labels(language);
  return toCsv(
    ['decidedOn', 'run', 'mode', 'kind', 'justification', 'justificationRecorded', 'approvedPoint', 'unit', 'district', 'building', 'priority', 'passedOverPriority', 'gap'].map((column) =>
      t(`columns.${column}`),
    ),
    departures.map((d) => [
      d.decidedOn,
      d.runId,
      t(`groups.${d.mode}`, d.mode),
      t(`groups.${d.kind}`, d.kind),
      t(`groups.${d.justification}`, d.justification),
      t(d.justificationRecorded ? 'yes' : 'no'),
      d.approvedPoint,
      d.unitId,
      d.district,
      d.buildingId,
      d.priority,
      d.passedOverPriority,
      d.gap,
    ]),
  );
}
