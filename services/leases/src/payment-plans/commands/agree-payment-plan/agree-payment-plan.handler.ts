import { Actor } from '@hearth/auth';
import { PaymentPlanAgreed } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError, toCents } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LeasesClock } from '../../../clock';
import { TenancyDatesError } from '../../../leases.errors';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { Instalment, instalmentsFor } from '../../domain/payment-plan';
import { PaymentPlan } from '../../domain/payment-plan.entity';
import { AgreePaymentPlanDto } from './agree-payment-plan.dto';

export interface PaymentPlanView {
  id: string;
  tenancyId: string;
  status: PaymentPlan['status'];
  totalCents: number;
  agreedOn: string;
  instalments: Instalment[];
}

export class AgreePaymentPlanCommand extends Command<PaymentPlanView> {
  constructor(
    readonly tenancyId: string,
    readonly input: AgreePaymentPlanDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Staff agree a payment plan with a household in arrears: the amount owed (or part of it) in
 * monthly instalments on top of the rent. While it is kept the arrears ladder holds; a missed
 * instalment breaks it and the ladder resumes. Arrears are never written off silently.
 */
@CommandHandler(AgreePaymentPlanCommand)
export class AgreePaymentPlanHandler implements ICommandHandler<AgreePaymentPlanCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, input, actor }: AgreePaymentPlanCommand): Promise<PaymentPlanView> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      const today = this.clock.today();
      if (await manager.existsBy(PaymentPlan, { tenancyId, status: 'active' })) {
        throw new ConflictError('PAYMENT_PLAN.ALREADY_ACTIVE', 'The tenancy already has a payment plan in force');
      }
      const totalCents = input.amount !== undefined ? toCents(input.amount) : tenancy.balanceCents;
      if (tenancy.balanceCents <= 0 || totalCents > tenancy.balanceCents) {
        throw new ConflictError('PAYMENT_PLAN.NOTHING_OWED', `A plan repays at most what is owed (${Math.max(0, tenancy.balanceCents)} cents)`);
      }
      if (input.firstDueDate < today) throw new TenancyDatesError('The first instalment cannot be due in the past');
      const plan: PaymentPlan = {
        id: randomUUID(),
        tenancyId,
        totalCents,
        instalments: instalmentsFor(totalCents, input.instalments, input.firstDueDate),
        agreedOn: today,
        agreedBy: actor.id,
        status: 'active',
        brokenOn: null,
      };
      await manager.insert(PaymentPlan, plan as never);
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(PaymentPlanAgreed, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...toTenancyEventRef(tenancy), planId: plan.id, totalCents, instalments: input.instalments, firstDueDate: input.firstDueDate },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'payment_plan_agreed', actor, { planId: plan.id, totalCents, instalments: input.instalments });
      return { id: plan.id, tenancyId, status: plan.status, totalCents, agreedOn: today, instalments: plan.instalments };
    });
  }
}
