import { unitAttributesSchema } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { normalizeCode } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { OfferWithdrawals } from '../../offers/offer-withdrawals';
import { ShortlistJobs } from '../../shortlists/commands/compute-shortlist/shortlist.job';
import { AvailableUnit, PoolUnitStatus } from '../available-unit.entity';
import { UnitPool } from '../unit-pool.repository';

export type UnitChange =
  | { kind: 'available'; attributes: z.infer<typeof unitAttributesSchema> }
  | { kind: 'status'; status: Exclude<PoolUnitStatus, 'available'> }
  | { kind: 'released' }
  /** A unit no longer available, from a snapshot: kept with its attributes and status. */
  | { kind: 'known'; attributes: z.infer<typeof unitAttributesSchema>; status: Exclude<PoolUnitStatus, 'available'> };

export class RecordUnitChangeCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly unitVersion: number,
    readonly change: UnitChange,
  ) {
    super();
  }
}

/**
 * Keeps the unit pool in step with hearth.units; an event older than what is already applied (per
 * unit version) changes nothing. A unit that becomes available again gets its shortlist computed
 * by a job; a unit that stops being available takes its proposed and open offers with it.
 */
@CommandHandler(RecordUnitChangeCommand)
export class RecordUnitChangeHandler implements ICommandHandler<RecordUnitChangeCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitPool,
    private readonly shortlists: ShortlistJobs,
    private readonly withdrawals: OfferWithdrawals,
  ) {}

  execute({ unitId, unitVersion, change }: RecordUnitChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await this.units.find(manager, unitId, { lock: 'update' });
      if (known && unitVersion <= known.unitVersion) return;
      // From a snapshot, a flat the pool does not hold and that is not available needs a row only
      // when it is reserved (a release makes it available again): otherwise it is tracked from the
      // day it becomes available, as the events would have done.
      if (change.kind === 'known' && !known && change.status !== 'reserved') return;
      if (change.kind === 'available' || change.kind === 'known') {
        const a = change.attributes;
        await manager.upsert(
          AvailableUnit,
          {
            unitId,
            landlordId: a.landlordId,
            // Units normalises codes at its edge; events published before it did are normalised here.
            buildingId: normalizeCode(a.buildingId),
            district: normalizeCode(a.district),
            bedrooms: a.bedrooms,
            maxOccupants: a.maxOccupants,
            rent: a.rent,
            wheelchairAccessible: a.wheelchairAccessible,
            stepFree: a.stepFree,
            petsAllowed: a.petsAllowed,
            status: change.kind === 'known' ? change.status : 'available',
            unitVersion,
            updatedAt: new Date(),
          },
          ['unitId'],
        );
      } else {
        if (!known) return; // never available here: nothing to track
        known.status = change.kind === 'released' ? 'available' : change.status;
        known.unitVersion = unitVersion;
        known.updatedAt = new Date();
        await manager.save(known);
      }
      if (change.kind === 'status' || change.kind === 'known') {
        await this.withdrawals.withdrawLive(manager, { unitId }, 'unit_no_longer_available');
      } else {
        this.unitOfWork.afterCommit(() => this.shortlists.schedule(unitId, unitVersion));
      }
    });
  }
}
