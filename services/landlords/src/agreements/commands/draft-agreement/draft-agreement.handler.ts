import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { InvalidTransitionError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Agreement } from '../../../landlords/domain/agreement.entity';
import { assertValidAgreementTerms } from '../../../landlords/domain/agreement-terms';
import { LandlordRepository } from '../../../landlords/landlord.repository';
import { AgreementView, toAgreementView } from '../../agreement.view';
import { DraftAgreementDto } from './draft-agreement.dto';

export class DraftAgreementCommand extends Command<AgreementView> {
  constructor(
    readonly landlordId: string,
    readonly input: DraftAgreementDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(DraftAgreementCommand)
export class DraftAgreementHandler implements ICommandHandler<DraftAgreementCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly landlords: LandlordRepository,
  ) {}

  execute({ landlordId, input, actor }: DraftAgreementCommand): Promise<AgreementView> {
    assertValidAgreementTerms(input);
    return this.unitOfWork.run(async (manager) => {
      const landlord = await this.landlords.getForUpdate(manager, landlordId, actor);
      if (landlord.status === 'offboarded') {
        throw new InvalidTransitionError('LANDLORD.OFFBOARDED', 'An offboarded landlord cannot enter new agreements');
      }
      const agreement = manager.create(Agreement, {
        ...input,
        id: randomUUID(),
        landlordId,
        status: 'draft',
        signedAt: null,
        endedOn: null,
        endReason: null,
      });
      await manager.insert(Agreement, agreement);
      return toAgreementView(agreement);
    });
  }
}
