import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { In } from 'typeorm';
import { toHundredths } from '../../domain/indexation';
import { IndexValue } from '../../domain/indexation.entity';
import { RecordIndexValuesDto } from './record-index-values.dto';

export class RecordIndexValuesCommand extends Command<{ series: string; recorded: number; unchanged: number }> {
  constructor(
    readonly series: string,
    readonly input: RecordIndexValuesDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Staff load the values of an index series as published (the series is data, not code). A value
 * once recorded is never changed — rents were indexed from it — so a different value for a month
 * already known is refused whole; the same value again changes nothing.
 */
@CommandHandler(RecordIndexValuesCommand)
export class RecordIndexValuesHandler implements ICommandHandler<RecordIndexValuesCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ series, input, actor }: RecordIndexValuesCommand) {
    return this.unitOfWork.run(async (manager) => {
      const months = input.values.map((v) => v.month);
      if (new Set(months).size !== months.length) throw new ConflictError('INDEX.DUPLICATE_MONTH', 'Each month is given once');
      const known = new Map((await manager.find(IndexValue, { where: { series, month: In(months) } })).map((v) => [v.month, v.value]));
      const changed = input.values.filter((v) => known.has(v.month) && toHundredths(known.get(v.month)!) !== toHundredths(v.value));
      if (changed.length > 0) {
        throw new ConflictError('INDEX.VALUE_FIXED', `Recorded values are never changed: ${changed.map((v) => `${v.month} is ${known.get(v.month)}`).join(', ')}`, {
          months: changed.map((v) => v.month),
        });
      }
      const fresh = input.values.filter((v) => !known.has(v.month));
      if (fresh.length > 0) await manager.insert(IndexValue, fresh.map((v) => ({ series, month: v.month, value: v.value, recordedBy: actor.id })));
      return { series, recorded: fresh.length, unchanged: input.values.length - fresh.length };
    });
  }
}
