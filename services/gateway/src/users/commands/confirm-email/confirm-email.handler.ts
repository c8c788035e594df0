import { LandlordSignedUp } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditLog } from '../../../sign-in/audit-log';
import type { RequestOrigin } from '../../../sign-in/request-origin';
import { EmailLinks } from '../../email-links';
import { UserRepository } from '../../user.repository';

export class ConfirmEmailCommand extends Command<void> {
  constructor(
    readonly token: string,
    readonly origin: RequestOrigin,
  ) {
    super();
  }
}

/**
 * An owner confirms their address from the e-mailed link: the account is active and
 * LandlordSignedUp asks the landlords service for a prospect record (ids and codes only).
 */
@CommandHandler(ConfirmEmailCommand)
export class ConfirmEmailHandler implements ICommandHandler<ConfirmEmailCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly links: EmailLinks,
    private readonly audit: AuditLog,
  ) {}

  execute({ token, origin }: ConfirmEmailCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const { userId } = await this.links.consume(manager, token, ['verify_email']);
      const user = await this.users.getForUpdate(manager, userId);
      user.apply('activate');
      const kind = user.signUpKind ?? 'individual';
      user.signUpKind = null;
      await this.users.save(manager, user, (version) => [
        newEvent(LandlordSignedUp, {
          aggregateId: user.id,
          aggregateVersion: version,
          payload: { landlordId: user.landlordId!, userId: user.id, kind, preferredLanguage: user.preferredLanguage },
          actor: { id: user.id, role: 'landlord' },
        }),
      ]);
      await this.audit.record({ outcome: 'email_confirmed', userId: user.id, origin }, manager);
    });
  }
}
