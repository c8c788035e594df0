import { Actor } from '@hearth/auth';
import { PaymentPlanAgreed } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError, ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LeasesClock } from '../../../clock';
import { instalmentsFor } from '../../../payment-plans/domain/payment-plan';
import { PaymentPlan } from '../../../payment-plans/domain/payment-plan.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { ClaimRepository } from '../../claim.repository';
import { toClaimView } from '../../claim.view';
import { GuaranteeClaim } from '../../domain/claim.entity';
import { assertClaimTransition } from '../../domain/claim-rules';
import { AgreeRecoveryDto } from './agree-recovery.dto';

export class AgreeRecoveryCommand extends Command<ReturnType<typeof toClaimView>> {
  constructor(
    readonly claimId: string,
    readonly input: AgreeRecoveryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * What the guarantee paid is recovered from the household where it is due — by a plan, never
 * written off. Arrears stay on the household's ledger: the plan is a payment plan of the tenancy
 * for what it still owes (at most what was paid), held by the arrears ladder like any other.
 * Damage and legal costs are repaid in instalments of the claim. Vacancy is not the household's
 * debt and is not recovered.
 */
@CommandHandler(AgreeRecoveryCommand)
export class AgreeRecoveryHandler implements ICommandHandler<AgreeRecoveryCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly claims: ClaimRepository,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ claimId, input, actor }: AgreeRecoveryCommand) {
    return this.unitOfWork.run(async (manager) => {
      const { claim, tenancy } = await this.claims.getForUpdate(manager, claimId, actor);
      assertClaimTransition(claim.status, 'recover');
      if (claim.kind === 'vacancy') throw new ConflictError('CLAIM.NOT_RECOVERABLE', 'An empty flat is not a debt of the household');
      const today = this.clock.today();
      if (input.firstDueDate < today) throw new ValidationError([{ field: 'firstDueDate', message: 'must not be in the past' }]);
      let planId: string | null = null;
      let totalCents = claim.approvedCents!;
      if (claim.kind === 'arrears') {
        totalCents = Math.min(claim.approvedCents!, tenancy.balanceCents);
        if (totalCents <= 0) throw new ConflictError('CLAIM.NOTHING_TO_RECOVER', 'The household owes nothing any more');
        if (await manager.existsBy(PaymentPlan, { tenancyId: tenancy.id, status: 'active' })) {
          throw new ConflictError('PAYMENT_PLAN.ALREADY_ACTIVE', 'The tenancy already has a payment plan in force');
        }
        planId = randomUUID();
        await manager.insert(PaymentPlan, {
          id: planId,
          tenancyId: tenancy.id,
          totalCents,
          instalments: instalmentsFor(totalCents, input.instalments, input.firstDueDate) as never,
          agreedOn: today,
          agreedBy: actor.id,
          status: 'active',
          brokenOn: null,
        });
      }
      claim.status = 'recovering';
      claim.recovery = { planId, totalCents, instalments: instalmentsFor(totalCents, input.instalments, input.firstDueDate), agreedOn: today };
      await manager.update(GuaranteeClaim, { id: claim.id }, { status: 'recovering', recovery: claim.recovery as never });
      const ref = toTenancyEventRef(tenancy);
      await this.tenancies.save(manager, tenancy, (version) =>
        planId
          ? [newEvent(PaymentPlanAgreed, { aggregateId: tenancy.id, aggregateVersion: version, actor, payload: { ...ref, planId, totalCents, instalments: input.instalments, firstDueDate: input.firstDueDate } })]
          : [],
      );
      if (planId) await this.tenancies.recordHistory(manager, tenancy.id, 'payment_plan_agreed', actor, { planId, totalCents, instalments: input.instalments, claimId: claim.id });
      return toClaimView(claim, await this.claims.months(manager, claim.id));
    });
  }
}
