import { Actor } from '@hearth/auth';
import { LandlordOffboarded, LandlordReactivated, LandlordSuspended, LandlordVerified } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { InvalidTransitionError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Agreement } from '../../domain/agreement.entity';
import { Landlord } from '../../domain/landlord.entity';
import { LandlordTransition } from '../../domain/landlord-status';
import { LandlordRepository } from '../../landlord.repository';
import { LandlordView, toLandlordView } from '../../landlord.view';

export class TransitionLandlordCommand extends Command<LandlordView> {
  constructor(
    readonly landlordId: string,
    readonly transition: LandlordTransition,
    readonly actor: Actor,
    readonly reason: string | null,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** Verify, suspend, reactivate or offboard a landlord: one state machine, one event each. */
@CommandHandler(TransitionLandlordCommand)
export class TransitionLandlordHandler implements ICommandHandler<TransitionLandlordCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly landlords: LandlordRepository,
  ) {}

  execute(command: TransitionLandlordCommand): Promise<LandlordView> {
    return this.unitOfWork.run(async (manager) => {
      const landlord = await this.landlords.getForUpdate(manager, command.landlordId, command.actor);
      assertExpectedVersion('Landlord', landlord, command.expectedVersion);
      if (command.transition === 'verify' && !landlord.hasDetails) {
        throw new InvalidTransitionError('LANDLORD.DETAILS_INCOMPLETE', 'The owner has not given their name, contact and bank account yet');
      }
      if (command.transition === 'offboard') {
        const signed = await manager.countBy(Agreement, { landlordId: landlord.id, status: 'signed' });
        if (signed > 0) {
          throw new InvalidTransitionError('LANDLORD.HAS_SIGNED_AGREEMENTS', 'End the landlord’s signed agreements before offboarding');
        }
      }
      landlord.apply(command.transition, command.reason);
      await this.landlords.save(manager, landlord, (version) => [statusEvent(landlord, command, version)]);
      return toLandlordView(landlord);
    });
  }
}

function statusEvent(landlord: Landlord, command: TransitionLandlordCommand, version: number): NewEvent {
  const base = { aggregateId: landlord.id, aggregateVersion: version, actor: command.actor };
  const landlordId = landlord.id;
  switch (command.transition) {
    case 'verify':
      return newEvent(LandlordVerified, { ...base, payload: { landlordId, status: 'active' } });
    case 'suspend':
      return newEvent(LandlordSuspended, { ...base, payload: { landlordId, status: 'suspended', reason: command.reason ?? '' } });
    case 'reactivate':
      return newEvent(LandlordReactivated, { ...base, payload: { landlordId, status: 'active' } });
    case 'offboard':
      return newEvent(LandlordOffboarded, { ...base, payload: { landlordId, status: 'offboarded' } });
  }
}
