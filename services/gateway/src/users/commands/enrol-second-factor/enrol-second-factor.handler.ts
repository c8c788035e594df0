import type { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError, ValidationError } from '@hearth/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SecondFactor } from '../../../sign-in/second-factor';
import { UserRepository } from '../../user.repository';

export class StartSecondFactorEnrolmentCommand extends Command<{ secret: string; otpauthUri: string }> {
  constructor(readonly actor: Actor) {
    super();
  }
}

export class ConfirmSecondFactorCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly code: string,
  ) {
    super();
  }
}

/** Any user may add a second factor (admins must): a secret for the authenticator app, confirmed with a first code. */
@CommandHandler(StartSecondFactorEnrolmentCommand)
export class StartSecondFactorEnrolmentHandler implements ICommandHandler<StartSecondFactorEnrolmentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly secondFactor: SecondFactor,
  ) {}

  execute({ actor }: StartSecondFactorEnrolmentCommand) {
    return this.unitOfWork.run(async (manager) => {
      const user = await this.users.getForUpdate(manager, actor.id);
      if (user.totpEnabled) throw new ConflictError('AUTH.TOTP_ALREADY_ENABLED', 'A second factor is already enabled');
      const enrolment = this.secondFactor.startEnrolment(user);
      await this.users.save(manager, user);
      return enrolment;
    });
  }
}

@CommandHandler(ConfirmSecondFactorCommand)
export class ConfirmSecondFactorHandler implements ICommandHandler<ConfirmSecondFactorCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly secondFactor: SecondFactor,
  ) {}

  execute({ actor, code }: ConfirmSecondFactorCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const user = await this.users.getForUpdate(manager, actor.id);
      if (!this.secondFactor.confirmEnrolment(user, code)) throw new ValidationError([{ field: 'code', message: 'is not the current code of the new secret' }]);
      await this.users.save(manager, user);
    });
  }
}
