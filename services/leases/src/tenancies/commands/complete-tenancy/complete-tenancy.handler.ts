import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { toCents } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { nextTenancyStatus } from '../../domain/tenancy-status';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyView, TenancyView } from '../../tenancy.view';
import { CompleteTenancyDto } from './complete-tenancy.dto';

export class CompleteTenancyCommand extends Command<TenancyView> {
  constructor(
    readonly tenancyId: string,
    readonly input: CompleteTenancyDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff complete a draft: rent and charges, who pays what, the deposit, the dates, the household's document language. */
@CommandHandler(CompleteTenancyCommand)
export class CompleteTenancyHandler implements ICommandHandler<CompleteTenancyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
  ) {}

  execute({ tenancyId, input, actor }: CompleteTenancyCommand): Promise<TenancyView> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      nextTenancyStatus(tenancy.status, 'complete');
      Object.assign(tenancy, {
        rentCents: toCents(input.rent),
        serviceChargesCents: toCents(input.serviceCharges),
        benefitCents: toCents(input.benefitPaidDirectly),
        depositKind: input.deposit.kind,
        depositCents: toCents(input.deposit.amount),
        startDate: input.startDate,
        endDate: input.endDate,
        documentLanguage: input.documentLanguage ?? tenancy.documentLanguage ?? null,
      });
      await this.tenancies.save(manager, tenancy, () => []);
      await this.tenancies.recordHistory(manager, tenancy.id, 'completed', actor, {
        rentCents: tenancy.rentCents,
        serviceChargesCents: tenancy.serviceChargesCents,
        benefitCents: tenancy.benefitCents,
        startDate: tenancy.startDate,
        endDate: tenancy.endDate,
        documentLanguage: tenancy.documentLanguage,
      });
      return toTenancyView(tenancy);
    });
  }
}
