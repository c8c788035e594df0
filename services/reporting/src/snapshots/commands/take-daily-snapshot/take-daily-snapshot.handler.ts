import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Calendar } from '../../../calendar/calendar';
import { IndicatorAnswers, yearToDate } from '../../../indicators/indicator-answers';
import { INDICATORS } from '../../../indicators/indicator-source';

/** Indicators computed at once by a daily snapshot. */
const SNAPSHOT_CONCURRENCY = 3;

export class TakeDailySnapshotCommand extends Command<'taken' | 'already_taken' | 'not_due'> {
  constructor(readonly day: string) {
    super();
  }
}

/** Stores every indicator's year-to-date answer as of the day (each only if not stored yet), then
 *  marks the day taken. Running it twice stores nothing new. */
@CommandHandler(TakeDailySnapshotCommand)
export class TakeDailySnapshotHandler implements ICommandHandler<TakeDailySnapshotCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly answers: IndicatorAnswers,
    private readonly calendar: Calendar,
  ) {}

  async execute({ day }: TakeDailySnapshotCommand): Promise<'taken' | 'already_taken' | 'not_due'> {
    if (day >= this.calendar.today()) return 'not_due';
    const [row] = await this.dataSource.query(`SELECT taken_at FROM snapshot_days WHERE day = $1`, [day]);
    if (row?.taken_at) return 'already_taken';
    // A few indicators at a time: each holds one pooled connection for its transaction, and the
    // service keeps the others for applying events and answering requests.
    const waiting = [...INDICATORS];
    const worker = async () => {
      for (let indicator = waiting.shift(); indicator; indicator = waiting.shift()) await this.answers.answer(indicator, yearToDate(day));
    };
    await Promise.all(Array.from({ length: SNAPSHOT_CONCURRENCY }, worker));
    await this.dataSource.query(`INSERT INTO snapshot_days (day, taken_at) VALUES ($1, now()) ON CONFLICT (day) DO UPDATE SET taken_at = coalesce(snapshot_days.taken_at, now())`, [day]);
    return 'taken';
  }
}
