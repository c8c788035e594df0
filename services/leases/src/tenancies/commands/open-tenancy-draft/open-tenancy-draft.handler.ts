import { SYSTEM_ACTOR, TenancyDrafted } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { LeasesClock } from '../../../clock';
import { KnownUnit } from '../../../directory/known-records.entity';
import { HeadLease } from '../../../head-leases/domain/head-lease.entity';
import { maxDate } from '../../../ledger/domain/calendar';
import { Tenancy } from '../../domain/tenancy.entity';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef } from '../../tenancy.view';

export class OpenTenancyDraftCommand extends Command<void> {
  constructor(readonly offer: { offerId: string; unitId: string; householdId: string; reference: string }) {
    super();
  }
}

/**
 * An accepted offer opens a tenancy draft: the flat's asking rent and charges, its landlord and
 * head lease, a start date no earlier than today or the flat's availability. Staff complete and
 * sign it. The same offer twice, or a flat that already has an open tenancy, changes nothing.
 */
@CommandHandler(OpenTenancyDraftCommand)
export class OpenTenancyDraftHandler implements ICommandHandler<OpenTenancyDraftCommand> {
  private readonly logger = new Logger(OpenTenancyDraftHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ offer }: OpenTenancyDraftCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      if (await manager.existsBy(Tenancy, { offerId: offer.offerId })) return;
      const unit = await manager.findOneBy(KnownUnit, { id: offer.unitId });
      if (!unit) {
        // Heard before the flat (topics are not ordered with each other): kept until hearth.units
        // describes it (see OpenPendingDraftsHandler), never retried in a loop or dead-lettered.
        await manager.query(
          'INSERT INTO pending_offers (offer_id, unit_id, household_id, reference) VALUES ($1, $2, $3, $4) ON CONFLICT (offer_id) DO NOTHING',
          [offer.offerId, offer.unitId, offer.householdId, offer.reference],
        );
        this.logger.log({ unitId: offer.unitId, offerId: offer.offerId }, 'accepted offer for a flat not heard of yet; kept pending');
        return;
      }
      await manager.query('DELETE FROM pending_offers WHERE offer_id = $1', [offer.offerId]);
      const open = await manager.findOne(Tenancy, { where: { unitId: offer.unitId, status: In(['draft', 'signed', 'active', 'ending']) } });
      if (open) {
        this.logger.warn({ unitId: offer.unitId, offerId: offer.offerId, openTenancyId: open.id }, 'accepted offer for a flat with an open tenancy; no draft opened');
        return;
      }
      const headLease = await manager.findOneBy(HeadLease, { unitId: offer.unitId, status: 'active' });
      const today = this.clock.today();
      const tenancy = manager.create(Tenancy, {
        id: randomUUID(),
        version: 0,
        unitId: offer.unitId,
        householdId: offer.householdId,
        reference: offer.reference,
        landlordId: unit.landlordId,
        headLeaseId: headLease?.id ?? null,
        offerId: offer.offerId,
        status: 'draft',
        legalLandlord: headLease?.scheme === 'head_lease' ? 'agency' : 'owner',
        rentCents: unit.rentCents,
        serviceChargesCents: unit.serviceChargesCents,
        benefitCents: 0,
        depositCents: 0,
        depositKind: 'none',
        startDate: maxDate(today, unit.availableFrom ?? today),
        endDate: null,
        signedOn: null,
        activatedOn: null,
        noticeGivenOn: null,
        noticeGivenBy: null,
        endsOn: null,
        endedOn: null,
        endReason: null,
        balanceCents: 0,
        arrearsAgeing: 'none',
        arrearsStage: null,
        arrearsEstablishedOn: null,
      });
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(TenancyDrafted, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: {
            ...toTenancyEventRef(tenancy),
            offerId: offer.offerId,
            rentCents: tenancy.rentCents,
            serviceChargesCents: tenancy.serviceChargesCents,
            startDate: tenancy.startDate,
          },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'drafted', SYSTEM_ACTOR, { offerId: offer.offerId });
    });
  }
}

export class OpenPendingDraftsCommand extends Command<number> {
  constructor(readonly unitId: string) {
    super();
  }
}

/** A flat was described: drafts the tenancies of accepted offers that arrived before it. */
@CommandHandler(OpenPendingDraftsCommand)
export class OpenPendingDraftsHandler implements ICommandHandler<OpenPendingDraftsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly drafts: OpenTenancyDraftHandler,
  ) {}

  execute({ unitId }: OpenPendingDraftsCommand): Promise<number> {
    return this.unitOfWork.run(async (manager) => {
      const pending: { offer_id: string; unit_id: string; household_id: string; reference: string }[] = await manager.query(
        'SELECT offer_id, unit_id, household_id, reference FROM pending_offers WHERE unit_id = $1 ORDER BY received_at FOR UPDATE',
        [unitId],
      );
      for (const p of pending) {
        await this.drafts.execute(new OpenTenancyDraftCommand({ offerId: p.offer_id, unitId: p.unit_id, householdId: p.household_id, reference: p.reference }));
      }
      return pending.length;
    });
  }
}
