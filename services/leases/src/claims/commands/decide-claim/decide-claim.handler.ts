import { Actor } from '@hearth/auth';
import { GuaranteeClaimDecided } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { toCents, ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { ClaimRepository } from '../../claim.repository';
import { toClaimView } from '../../claim.view';
import { GuaranteeClaim } from '../../domain/claim.entity';
import { assertClaimTransition } from '../../domain/claim-rules';
import { DecideClaimDto } from './decide-claim.dto';

export class DecideClaimCommand extends Command<ReturnType<typeof toClaimView>> {
  constructor(
    readonly claimId: string,
    readonly input: DecideClaimDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A submitted claim is approved, partly approved or rejected, with reasons (GuaranteeClaimDecided). */
@CommandHandler(DecideClaimCommand)
export class DecideClaimHandler implements ICommandHandler<DecideClaimCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly claims: ClaimRepository,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ claimId, input, actor }: DecideClaimCommand) {
    return this.unitOfWork.run(async (manager) => {
      const { claim, tenancy } = await this.claims.getForUpdate(manager, claimId, actor);
      assertClaimTransition(claim.status, 'decide');
      const approvedCents = input.decision === 'approved' ? claim.amountCents : input.decision === 'rejected' ? 0 : toCents(input.approvedAmount!);
      if (input.decision === 'partly_approved' && approvedCents >= claim.amountCents) {
        throw new ValidationError([{ field: 'approvedAmount', message: `must be less than the amount claimed (${claim.amountCents} cents)` }]);
      }
      Object.assign(claim, { status: input.decision, decision: input.decision, approvedCents, decisionReasons: input.reasons, decidedOn: this.clock.today() });
      await manager.update(GuaranteeClaim, { id: claim.id }, { status: claim.status, decision: claim.decision, approvedCents, decisionReasons: input.reasons as never, decidedOn: claim.decidedOn });
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(GuaranteeClaimDecided, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...toTenancyEventRef(tenancy), claimId: claim.id, kind: claim.kind, decision: input.decision, approvedCents },
        }),
      ]);
      return toClaimView(claim, await this.claims.months(manager, claim.id));
    });
  }
}
