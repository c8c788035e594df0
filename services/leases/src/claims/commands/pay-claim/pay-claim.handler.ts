import { Actor } from '@hearth/auth';
import { GuaranteeClaimPaid } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { ClaimRepository } from '../../claim.repository';
import { toClaimView } from '../../claim.view';
import { GuaranteeClaim } from '../../domain/claim.entity';
import { assertClaimTransition, claimShares, coveredByGuaranteedRentCents } from '../../domain/claim-rules';
import { HeadLease } from '../../../head-leases/domain/head-lease.entity';
import { PayClaimDto } from './pay-claim.dto';

export class PayClaimCommand extends Command<ReturnType<typeof toClaimView>> {
  constructor(
    readonly claimId: string,
    readonly input: PayClaimDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The approved amount of a claim is paid (GuaranteeClaimPaid): to the owner, except the part for
 * days the owner's guaranteed rent already covered, which the agency keeps (decision 0026).
 */
@CommandHandler(PayClaimCommand)
export class PayClaimHandler implements ICommandHandler<PayClaimCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly claims: ClaimRepository,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ claimId, input, actor }: PayClaimCommand) {
    return this.unitOfWork.run(async (manager) => {
      const { claim, tenancy } = await this.claims.getForUpdate(manager, claimId, actor);
      assertClaimTransition(claim.status, 'pay');
      if (input.paidOn > this.clock.today() || input.paidOn < claim.decidedOn!) {
        throw new ValidationError([{ field: 'paidOn', message: `must be between the decision (${claim.decidedOn}) and today` }]);
      }
      // The guaranteed rent already paid the owner for the days the claim and the head lease share: that part is the agency's (decision 0026).
      const headLease = await manager.findOneByOrFail(HeadLease, { id: claim.headLeaseId });
      const months = await this.claims.months(manager, claim.id);
      const covered = coveredByGuaranteedRentCents({
        kind: claim.kind,
        claimed: claim.kind === 'vacancy' ? { from: claim.evidence.vacancy!.from, to: claim.evidence.vacancy!.to } : { from: tenancy.startDate, to: tenancy.lastDay },
        headLease: { from: headLease.startDate, to: headLease.endDate },
        months: claim.kind === 'vacancy' ? claim.evidence.vacancy!.months : months,
      });
      const { ownerCents, agencyCents } = claimShares(claim.approvedCents!, claim.amountCents, covered);
      Object.assign(claim, { status: 'paid', paidOn: input.paidOn, ownerCents, agencyCents });
      await manager.update(GuaranteeClaim, { id: claim.id }, { status: 'paid', paidOn: input.paidOn, ownerCents, agencyCents });
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(GuaranteeClaimPaid, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...toTenancyEventRef(tenancy), claimId: claim.id, landlordId: claim.landlordId, kind: claim.kind, paidCents: claim.approvedCents!, paidOn: input.paidOn, ownerCents, agencyCents },
        }),
      ]);
      return toClaimView(claim, months);
    });
  }
}
