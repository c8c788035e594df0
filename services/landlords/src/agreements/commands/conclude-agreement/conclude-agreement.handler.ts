import { Actor } from '@hearth/auth';
import { AgreementEnded, AgreementSigned } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { InvalidTransitionError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Agreement } from '../../../landlords/domain/agreement.entity';
import { AgreementNotFoundError } from '../../../landlords/landlord.errors';
import { LandlordRepository } from '../../../landlords/landlord.repository';
import { AgreementView, toAgreementView } from '../../agreement.view';

export type AgreementDecision = { kind: 'sign' } | { kind: 'end'; endedOn: string; reason: string };

export class ConcludeAgreementCommand extends Command<AgreementView> {
  constructor(
    readonly landlordId: string,
    readonly agreementId: string,
    readonly decision: AgreementDecision,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Signs or ends an agreement. Both change what the landlord's flats can do, so both go
 *  through the landlord aggregate (its version orders the events). */
@CommandHandler(ConcludeAgreementCommand)
export class ConcludeAgreementHandler implements ICommandHandler<ConcludeAgreementCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly landlords: LandlordRepository,
  ) {}

  execute({ landlordId, agreementId, decision, actor }: ConcludeAgreementCommand): Promise<AgreementView> {
    return this.unitOfWork.run(async (manager) => {
      const landlord = await this.landlords.getForUpdate(manager, landlordId, actor);
      const agreement = await manager.findOneBy(Agreement, { id: agreementId, landlordId });
      if (!agreement) throw new AgreementNotFoundError(agreementId);
      if (decision.kind === 'sign') {
        if (!landlord.isActive) throw new InvalidTransitionError('LANDLORD.NOT_ACTIVE', 'Only a verified, active landlord can sign an agreement');
        agreement.sign(new Date());
      } else {
        agreement.end(decision.endedOn, decision.reason);
      }
      await manager.save(agreement);
      await this.landlords.save(manager, landlord, (version) => [
        decision.kind === 'sign'
          ? newEvent(AgreementSigned, {
              aggregateId: landlordId,
              aggregateVersion: version,
              actor,
              payload: {
                landlordId,
                agreementId,
                scheme: agreement.scheme,
                startDate: agreement.startDate,
                endDate: agreement.endDate,
                guaranteedMonthlyRent: agreement.guaranteedMonthlyRent,
                coverage: {
                  rentArrears: agreement.coverage.rentArrears,
                  vacancy: agreement.coverage.vacancy,
                  damageCap: agreement.coverage.damageCap,
                  legalCosts: agreement.coverage.legalCosts,
                },
                renovationLoan: agreement.renovationLoan
                  ? { amount: agreement.renovationLoan.amount, monthlyRepayment: agreement.renovationLoan.monthlyRepayment }
                  : null,
              },
            })
          : newEvent(AgreementEnded, {
              aggregateId: landlordId,
              aggregateVersion: version,
              actor,
              payload: { landlordId, agreementId, endedOn: decision.endedOn, reason: decision.reason },
            }),
      ]);
      return toAgreementView(agreement);
    });
  }
}
