import { HeadLeaseRecorded, SYSTEM_ACTOR } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { IsNull, MoreThanOrEqual } from 'typeorm';
import { LeasesClock } from '../../../clock';
import { KnownAgreement } from '../../../directory/known-records.entity';
import { MonthlyScheduler } from '../../../jobs/monthly.scheduler';
import { maxDate } from '../../../ledger/domain/calendar';
import { managementFeeCents } from '../../../ledger/domain/ledger';
import { HeadLease } from '../../domain/head-lease.entity';

export const MANAGEMENT_FEE_BASIS_POINTS = Symbol('MANAGEMENT_FEE_BASIS_POINTS');

export class RecordHeadLeaseCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly landlordId: string,
  ) {
    super();
  }
}

/**
 * A flat entered the scheme (it became available): its owner-side contract is recorded from the
 * landlord's agreement in force (the most recently signed one), from today or the agreement's start.
 * The agreement's renovation loan goes to the first flat recorded under it (one loan per agreement).
 * A flat that already has an active head lease keeps it; a landlord without an agreement in force
 * gets none (logged: units only lets such a landlord's flats in with one).
 */
@CommandHandler(RecordHeadLeaseCommand)
export class RecordHeadLeaseHandler implements ICommandHandler<RecordHeadLeaseCommand> {
  private readonly logger = new Logger(RecordHeadLeaseHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
    private readonly clock: LeasesClock,
    private readonly monthly: MonthlyScheduler,
    @Inject(MANAGEMENT_FEE_BASIS_POINTS) private readonly feeBasisPoints: number,
  ) {}

  execute({ unitId, landlordId }: RecordHeadLeaseCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const today = this.clock.today();
      // One at a time per flat: the advisory lock keeps two deliveries from recording two head leases.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`head-lease:${unitId}`]);
      if (await manager.existsBy(HeadLease, { unitId, status: 'active' })) return;
      const agreement = await manager.findOne(KnownAgreement, {
        where: { landlordId, endedOn: IsNull(), endDate: MoreThanOrEqual(today) },
        order: { signedAt: 'DESC' },
      });
      if (!agreement) {
        this.logger.warn({ unitId, landlordId }, 'flat entered the scheme but its landlord has no agreement in force; no head lease recorded');
        return;
      }
      const loanTaken = await manager.existsBy(HeadLease, { agreementId: agreement.id, loanPrincipalCents: MoreThanOrEqual(1) });
      const loan = !loanTaken && agreement.renovationLoan ? agreement.renovationLoan : null;
      const headLease = manager.create(HeadLease, {
        id: randomUUID(),
        version: 0,
        unitId,
        landlordId,
        agreementId: agreement.id,
        scheme: agreement.scheme,
        guaranteedRentCents: agreement.guaranteedRentCents,
        managementFeeCents: agreement.scheme === 'management_mandate' ? managementFeeCents(agreement.guaranteedRentCents, this.feeBasisPoints) : 0,
        coverage: agreement.coverage,
        loanPrincipalCents: loan?.principalCents ?? 0,
        loanMonthlyCents: loan?.monthlyCents ?? 0,
        startDate: maxDate(agreement.startDate, today),
        endDate: agreement.endDate,
        status: 'active',
      });
      await this.store.save(manager, HeadLease, headLease, (version) => [
        newEvent(HeadLeaseRecorded, {
          aggregateId: headLease.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: {
            headLeaseId: headLease.id,
            unitId,
            landlordId,
            agreementId: agreement.id,
            scheme: headLease.scheme,
            guaranteedRentCents: headLease.guaranteedRentCents,
            startDate: headLease.startDate,
            endDate: headLease.endDate,
          },
        }),
      ]);
      this.unitOfWork.afterCommit(() => this.monthly.catchUpHeadLeases(headLease.id));
    });
  }
}
