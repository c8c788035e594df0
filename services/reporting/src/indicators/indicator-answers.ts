import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Calendar } from '../calendar/calendar';
import { IndicatorFigures, IndicatorName, IndicatorSource } from './indicator-source';
import { Question, questionKey } from './question';

export interface IndicatorAnswer<N extends IndicatorName = IndicatorName> {
  indicator: N;
  asOf: string;
  from: string;
  to: string;
  filters: { programme: string | null; district: string | null };
  /** Where the indicator is defined, exactly. */
  definition: string;
  /** When the answer for this question as of this (closed) day was stored; null for today's live figures. */
  snapshotTakenAt: string | null;
  figures: IndicatorFigures[N];
}

/**
 * Answers a question as of a day. A closed day's answer (asOf before today) is stored the first
 * time it is computed — by the daily snapshot or by whoever asks first — and every later asking
 * gets the stored answer, whatever events arrive afterwards (docs/indicators.md#as-of-a-past-day).
 */
@Injectable()
export class IndicatorAnswers {
  constructor(
    private readonly source: IndicatorSource,
    private readonly calendar: Calendar,
    private readonly dataSource: DataSource,
  ) {}

  async answer<N extends IndicatorName>(indicator: N, question: Question, manager: EntityManager = this.dataSource.manager): Promise<IndicatorAnswer<N>> {
    const meta = {
      indicator,
      asOf: question.asOf,
      from: question.from,
      to: question.to,
      filters: { programme: question.programme ?? null, district: question.district ?? null },
      definition: `docs/indicators.md#${indicator}`,
    };
    if (question.asOf >= this.calendar.today()) return { ...meta, snapshotTakenAt: null, figures: await this.source.compute(indicator, question) };
    const key = questionKey(question);
    const stored = await this.stored(manager, indicator, question.asOf, key);
    if (stored) return { ...meta, snapshotTakenAt: stored.takenAt, figures: stored.answer as IndicatorFigures[N] };
    const figures = await this.source.compute(indicator, question);
    await manager.query(`INSERT INTO indicator_snapshots (indicator, as_of, question_key, answer) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      indicator,
      question.asOf,
      key,
      JSON.stringify(figures),
    ]);
    // Whoever stored first wins: a concurrent first asking gets the same answer.
    const first = (await this.stored(manager, indicator, question.asOf, key))!;
    return { ...meta, snapshotTakenAt: first.takenAt, figures: first.answer as IndicatorFigures[N] };
  }

  private async stored(manager: EntityManager, indicator: string, asOf: string, key: string): Promise<{ answer: unknown; takenAt: string } | undefined> {
    const [row] = await manager.query(
      `SELECT answer, taken_at AS "takenAt" FROM indicator_snapshots WHERE indicator = $1 AND as_of = $2 AND question_key = $3`,
      [indicator, asOf, key],
    );
    return row ? { answer: row.answer, takenAt: new Date(row.takenAt).toISOString() } : undefined;
  }
}

/** The question a daily snapshot answers for a day: the year to date, no filter. */
export function yearToDate(asOf: string): Question {
  return { asOf, from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
}
