import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitPool } from '../../../unit-pool/unit-pool.repository';
import { Shortlister } from '../../shortlister';

/** The job ran before the transaction that queued it committed; BullMQ retries it. */
export class UnitVersionNotVisibleYetError extends Error {
  constructor(unitId: string, unitVersion: number) {
    super(`unit ${unitId} version ${unitVersion} is not visible yet`);
  }
}

export class ComputeShortlistCommand extends Command<'stored' | 'skipped'> {
  constructor(
    readonly unitId: string,
    readonly unitVersion: number,
  ) {
    super();
  }
}

/** Computes and stores the shortlist of a unit at the version the job was queued for; a unit that
 *  changed since (a newer version) or is no longer available is skipped quietly. */
@CommandHandler(ComputeShortlistCommand)
export class ComputeShortlistHandler implements ICommandHandler<ComputeShortlistCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitPool,
    private readonly shortlister: Shortlister,
  ) {}

  execute({ unitId, unitVersion }: ComputeShortlistCommand): Promise<'stored' | 'skipped'> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.find(manager, unitId);
      if (!unit || unit.unitVersion < unitVersion) throw new UnitVersionNotVisibleYetError(unitId, unitVersion);
      if (unit.unitVersion > unitVersion || !unit.isAvailable) return 'skipped';
      await this.shortlister.computeAndStore(manager, unit);
      return 'stored';
    });
  }
}
