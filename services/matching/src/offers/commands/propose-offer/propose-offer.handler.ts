import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HouseholdPool } from '../../../household-pool/household-pool.repository';
import { Shortlister } from '../../../shortlists/shortlister';
import { UnitPool } from '../../../unit-pool/unit-pool.repository';
import { OfferProposer } from '../../offer-proposer';
import { OfferView, toOfferView } from '../../offer.view';
import { ProposeOfferDto } from './propose-offer.dto';

export class ProposeOfferCommand extends Command<OfferView> {
  constructor(
    readonly input: ProposeOfferDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Staff propose a unit to a household. The household's place on the unit's current shortlist is
 * recorded; proposing anyone but the first needs a justification.
 */
@CommandHandler(ProposeOfferCommand)
export class ProposeOfferHandler implements ICommandHandler<ProposeOfferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly shortlister: Shortlister,
    private readonly proposer: OfferProposer,
  ) {}

  execute({ input, actor }: ProposeOfferCommand): Promise<OfferView> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.get(manager, input.unitId, { lock: 'share' });
      const household = await this.households.get(manager, input.householdId, { lock: 'share' });
      const offerScore = await this.proposer.assertProposable(manager, unit, household);
      const { rank, first } = await this.shortlister.standing(manager, unit, household.householdId);
      if (rank !== 1 && !input.justification) {
        const where = rank === null ? 'was offered this unit before' : `is number ${rank} on this unit’s shortlist`;
        throw new ValidationError([
          { field: 'justification', message: `is required: household ${household.reference} ${where}, and ${first?.reference ?? 'nobody'} comes first` },
        ]);
      }
      const offer = await this.proposer.store(
        manager,
        { unit, household, source: 'shortlist', runId: null, rank, justification: input.justification ?? null, actor },
        offerScore,
      );
      return toOfferView(offer);
    });
  }
}
