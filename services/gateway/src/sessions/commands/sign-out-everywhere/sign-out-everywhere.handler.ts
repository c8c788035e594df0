import type { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditLog } from '../../../sign-in/audit-log';
import type { RequestOrigin } from '../../../sign-in/request-origin';
import { UserRepository } from '../../../users/user.repository';
import { Sessions } from '../../sessions';

export class SignOutEverywhereCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/** Ends every session of the caller, on every device; access tokens issued until now are refused at the front door. */
@CommandHandler(SignOutEverywhereCommand)
export class SignOutEverywhereHandler implements ICommandHandler<SignOutEverywhereCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  async execute({ actor, origin }: SignOutEverywhereCommand): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      const user = await this.users.getForUpdate(manager, actor.id);
      user.tokensValidAfter = await this.sessions.revokeAll(manager, user.id, 'signed_out_everywhere');
      await this.users.save(manager, user);
      await this.audit.record({ outcome: 'signed_out_everywhere', userId: user.id, origin }, manager);
    });
  }
}
