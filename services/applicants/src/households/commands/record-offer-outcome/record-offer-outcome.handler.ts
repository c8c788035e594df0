import { ApplicantOffered, ApplicantWaitlisted, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Household } from '../../domain/household.entity';
import { HouseholdRepository } from '../../household.repository';
import { toMatchingAttributes } from '../../matching-attributes';

/** What matching did with an offer to this household. */
export type OfferOutcome = { kind: 'made'; offerId: string } | { kind: 'fell_through'; offerId: string };

export class RecordOfferOutcomeCommand extends Command<void> {
  constructor(
    readonly householdId: string,
    readonly outcome: OfferOutcome,
  ) {
    super();
  }
}

/**
 * An offer made takes a waitlisted household out of the pool (offered); that same offer declined,
 * expired or withdrawn brings it back with its priority untouched — declining never costs a
 * household its place. Outcomes that do not fit (an erased or paused household, another offer's
 * answer) are logged and ignored, never dead-lettered.
 */
@CommandHandler(RecordOfferOutcomeCommand)
export class RecordOfferOutcomeHandler implements ICommandHandler<RecordOfferOutcomeCommand> {
  private readonly logger = new Logger(RecordOfferOutcomeHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
  ) {}

  execute({ householdId, outcome }: RecordOfferOutcomeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const household = await manager.findOne(Household, { where: { id: householdId }, lock: { mode: 'pessimistic_write' } });
      if (household && outcome.kind === 'made' && household.status === 'waitlisted') {
        household.apply('offer');
        household.currentOfferId = outcome.offerId;
        await this.households.save(manager, household, (version) => [
          newEvent(ApplicantOffered, {
            aggregateId: household.id,
            aggregateVersion: version,
            actor: SYSTEM_ACTOR,
            payload: { householdId: household.id, reference: household.reference, status: 'offered', offerId: outcome.offerId },
          }),
        ]);
        return;
      }
      if (household && outcome.kind === 'fell_through' && household.status === 'offered' && household.currentOfferId === outcome.offerId) {
        household.apply('return_to_waitlist');
        household.currentOfferId = null;
        await this.households.save(manager, household, (version) => [
          newEvent(ApplicantWaitlisted, { aggregateId: household.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: toMatchingAttributes(household) }),
        ]);
        return;
      }
      this.logger.log({ householdId, ...outcome, householdStatus: household?.status ?? null }, 'offer outcome does not change the household; ignored');
    });
  }
}
