import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TenancyArrears } from '../risk/tenancy-risk.entity';
import { KnownTenancy, KnownTenancyStatus } from './known-tenancy.entity';

export type TenancyChange =
  | { kind: 'started'; unitId: string; householdId: string; reference: string; landlordId: string; startedOn: string }
  | { kind: 'status'; unitId: string; householdId: string; reference: string; landlordId?: string; status: KnownTenancyStatus }
  | { kind: 'arrears'; established?: boolean; brokenPaymentPlan?: boolean };

export class RecordTenancyCommand extends Command<boolean> {
  constructor(
    readonly tenancyId: string,
    readonly tenancyVersion: number,
    readonly change: TenancyChange,
  ) {
    super();
  }
}

/** Keeps the tenancies leases announced and what it said about their arrears; an older event changes nothing (returns false). */
@CommandHandler(RecordTenancyCommand)
export class RecordTenancyHandler implements ICommandHandler<RecordTenancyCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ tenancyId, tenancyVersion, change }: RecordTenancyCommand): Promise<boolean> {
    return this.unitOfWork.run(async (manager) => {
      if (change.kind === 'arrears') {
        const known = await manager.findOne(TenancyArrears, { where: { tenancyId }, lock: { mode: 'pessimistic_write' } });
        // One change in leases may publish several arrears events with the same tenancy version (a
        // month charged: RentArrearsChanged, then ArrearsStageReached 'reminder' and 'established'),
        // in order on the tenancy's partition: each is applied; only an older version is stale. (An
        // event delivered twice is stopped by the inbox before it gets here.)
        if (known && tenancyVersion < known.tenancyVersion) return false;
        await manager.save(TenancyArrears, {
          tenancyId,
          established: change.established ?? known?.established ?? false,
          brokenPaymentPlan: change.brokenPaymentPlan ?? known?.brokenPaymentPlan ?? false,
          tenancyVersion,
        });
        return true;
      }
      const known = await manager.findOne(KnownTenancy, { where: { tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (known && tenancyVersion <= known.tenancyVersion) return false;
      if (change.kind === 'started') {
        await manager.save(KnownTenancy, {
          tenancyId,
          unitId: change.unitId,
          householdId: change.householdId,
          reference: change.reference,
          landlordId: change.landlordId,
          startedOn: change.startedOn,
          status: 'active',
          tenancyVersion,
        });
        return true;
      }
      await manager.save(KnownTenancy, {
        tenancyId,
        unitId: change.unitId,
        householdId: change.householdId,
        reference: change.reference,
        landlordId: change.landlordId ?? known?.landlordId ?? null,
        startedOn: known?.startedOn ?? null,
        status: change.status,
        tenancyVersion,
      });
      return true;
    });
  }
}
