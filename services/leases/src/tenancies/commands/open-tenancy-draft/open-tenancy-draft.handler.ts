import { SYSTEM_ACTOR, TenancyDrafted } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { TransientError } from '@hearth/platform';
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
      // Matching only offers flats units announced, so leases will hear of it: wait, never dead-letter.
      if (!unit) throw new TransientError(`unit ${offer.unitId} not heard from hearth.units yet`);
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
