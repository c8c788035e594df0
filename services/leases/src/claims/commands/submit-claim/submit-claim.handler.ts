import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { ClaimRepository } from '../../claim.repository';
import { toClaimView } from '../../claim.view';
import { GuaranteeClaim } from '../../domain/claim.entity';
import { assertClaimTransition } from '../../domain/claim-rules';

export class SubmitClaimCommand extends Command<ReturnType<typeof toClaimView>> {
  constructor(
    readonly claimId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff submit an opened claim, its evidence reviewed, for decision (opened → submitted). */
@CommandHandler(SubmitClaimCommand)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaimCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly claims: ClaimRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ claimId, actor }: SubmitClaimCommand) {
    return this.unitOfWork.run(async (manager) => {
      const { claim } = await this.claims.getForUpdate(manager, claimId, actor);
      assertClaimTransition(claim.status, 'submit');
      claim.status = 'submitted';
      claim.submittedOn = this.clock.today();
      await manager.update(GuaranteeClaim, { id: claim.id }, { status: claim.status, submittedOn: claim.submittedOn });
      return toClaimView(claim, await this.claims.months(manager, claim.id));
    });
  }
}
