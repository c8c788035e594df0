import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Preparation } from '../../domain/preparation.entity';
import { PreparationRepository } from '../../preparation.repository';

export class CancelPreparationCommand extends Command<void> {
  constructor(readonly offerId: string) {
    super();
  }
}

/** An accepted offer fell through before the move: its open preparation is cancelled. */
@CommandHandler(CancelPreparationCommand)
export class CancelPreparationHandler implements ICommandHandler<CancelPreparationCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
  ) {}

  execute({ offerId }: CancelPreparationCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const preparation = await manager.findOne(Preparation, { where: { offerId }, lock: { mode: 'pessimistic_write' } });
      if (!preparation || preparation.status !== 'open' || preparation.tenancyId) return;
      preparation.status = 'cancelled';
      await this.preparations.save(manager, preparation, () => []);
    });
  }
}
