import { HeadLeaseRecorded, RenovationLoanDisbursed, SYSTEM_ACTOR } from '@hearth/contracts';
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
 * The agreement's renovation loan goes to the first flat recorded under it (one loan per agreement)
 * and is lent with it (RenovationLoanDisbursed).
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
      // One at a time per landlord, with the agreements being recorded (RecordLandlordChangeHandler takes
      // the same lock): a flat and its owner's agreement heard at the same moment never miss each other.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`landlord-scheme:${landlordId}`]);
      await manager.query('UPDATE known_units SET in_scheme = true WHERE id = $1', [unitId]);
      if (await manager.existsBy(HeadLease, { unitId, status: 'active' })) return;
      const agreement = await manager.findOne(KnownAgreement, {
        where: { landlordId, endedOn: IsNull(), endDate: MoreThanOrEqual(today) },
        order: { signedAt: 'DESC' },
      });
      if (!agreement) {
        // Recorded when the agreement is heard (RecordPendingHeadLeasesHandler).
        this.logger.warn({ unitId, landlordId }, 'flat entered the scheme but no agreement of its landlord is known yet; head lease waits for it');
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
        // The loan is lent with the head lease: the renovation it pays for is what readies the flat.
        loanDisbursedOn: loan ? maxDate(agreement.startDate, today) : null,
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
        ...(loan
          ? [
              newEvent(RenovationLoanDisbursed, {
                aggregateId: headLease.id,
                aggregateVersion: version,
                actor: SYSTEM_ACTOR,
                payload: {
                  headLeaseId: headLease.id,
                  unitId,
                  landlordId,
                  loanId: agreement.id,
                  principalCents: loan.principalCents,
                  monthlyRepaymentCents: loan.monthlyCents,
                  disbursedOn: headLease.loanDisbursedOn!,
                },
              }),
            ]
          : []),
      ]);
      this.unitOfWork.afterCommit(() => this.monthly.catchUpHeadLeases(headLease.id));
    });
  }
}

export class RecordPendingHeadLeasesCommand extends Command<number> {
  constructor(readonly landlordId: string) {
    super();
  }
}

/** An agreement was heard: every flat of the landlord in the scheme without a head lease gets one now (its events may have come first). */
@CommandHandler(RecordPendingHeadLeasesCommand)
export class RecordPendingHeadLeasesHandler implements ICommandHandler<RecordPendingHeadLeasesCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly headLeases: RecordHeadLeaseHandler,
  ) {}

  execute({ landlordId }: RecordPendingHeadLeasesCommand): Promise<number> {
    return this.unitOfWork.run(async (manager) => {
      const waiting: { id: string }[] = await manager.query(
        `SELECT u.id FROM known_units u
          WHERE u.landlord_id = $1 AND u.in_scheme AND NOT EXISTS (SELECT 1 FROM head_leases h WHERE h.unit_id = u.id AND h.status = 'active')`,
        [landlordId],
      );
      for (const { id } of waiting) await this.headLeases.execute(new RecordHeadLeaseCommand(id, landlordId));
      return waiting.length;
    });
  }
}
