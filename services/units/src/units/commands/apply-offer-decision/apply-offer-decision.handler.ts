import { SYSTEM_ACTOR, UnitBecameAvailable, UnitReleased, UnitReserved } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Unit } from '../../domain/unit.entity';
import { canTransition } from '../../domain/unit-status';
import { UnitRepository } from '../../unit.repository';
import { toUnitEventAttributes } from '../../unit.view';

/** What matching decided about an offer of this flat. */
export type OfferDecision = { kind: 'accepted'; offerId: string } | { kind: 'fell_through'; offerId: string };

export class ApplyOfferDecisionCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly decision: OfferDecision,
  ) {
    super();
  }
}

/**
 * An accepted offer reserves the flat for that offer; if that same offer later falls through the
 * flat is released and available again. Anything that does not fit the flat's state (it was
 * withdrawn meanwhile, or is held for another offer) is logged and ignored, never dead-lettered.
 */
@CommandHandler(ApplyOfferDecisionCommand)
export class ApplyOfferDecisionHandler implements ICommandHandler<ApplyOfferDecisionCommand> {
  private readonly logger = new Logger(ApplyOfferDecisionHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitRepository,
  ) {}

  execute({ unitId, decision }: ApplyOfferDecisionCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.findForUpdate(manager, unitId);
      const events = unit && this.decide(unit, decision);
      if (!unit || !events) {
        this.logger.log({ unitId, ...decision, unitStatus: unit?.status ?? null }, 'offer decision does not change the unit; ignored');
        return;
      }
      await this.units.save(manager, unit, events);
    });
  }

  private decide(unit: Unit, decision: OfferDecision): ((version: number) => NewEvent[]) | null {
    const ref = { unitId: unit.id, landlordId: unit.landlordId, offerId: decision.offerId };
    if (decision.kind === 'accepted') {
      if (!canTransition(unit.status, 'reserve')) return null;
      unit.apply('reserve');
      unit.reservedOfferId = decision.offerId;
      return (version) => [newEvent(UnitReserved, { aggregateId: unit.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: ref })];
    }
    if (unit.status !== 'reserved' || unit.reservedOfferId !== decision.offerId) return null;
    unit.apply('release');
    unit.reservedOfferId = null;
    return (version) => [
      newEvent(UnitReleased, { aggregateId: unit.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: ref }),
      newEvent(UnitBecameAvailable, { aggregateId: unit.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: toUnitEventAttributes(unit) }),
    ];
  }
}
