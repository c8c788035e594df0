import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';

export interface ReminderTarget {
  contract: 'tenancy' | 'head_lease';
  id: string;
  endDate: string;
  daysBefore: number;
}

export class RaiseRenewalReminderCommand extends Command<'raised' | 'already_raised' | 'no_longer_due'> {
  constructor(readonly target: ReminderTarget) {
    super();
  }
}

/** Raises a renewal reminder for staff, once per contract, end date and threshold; a contract renewed or ended meanwhile gets none. */
@CommandHandler(RaiseRenewalReminderCommand)
export class RaiseRenewalReminderHandler implements ICommandHandler<RaiseRenewalReminderCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: LeasesClock,
  ) {}

  execute({ target }: RaiseRenewalReminderCommand) {
    return this.unitOfWork.run(async (manager) => {
      const [contract]: { unit_id: string; landlord_id: string }[] =
        target.contract === 'tenancy'
          ? await manager.query(
              `SELECT unit_id, landlord_id FROM tenancies WHERE id = $1 AND status IN ('active', 'ending') AND COALESCE(ends_on, end_date) = $2::date`,
              [target.id, target.endDate],
            )
          : await manager.query(`SELECT unit_id, landlord_id FROM head_leases WHERE id = $1 AND status = 'active' AND end_date = $2::date`, [target.id, target.endDate]);
      if (!contract) return 'no_longer_due' as const;
      const inserted: unknown[] = await manager.query(
        `INSERT INTO renewal_reminders (contract, contract_id, end_date, days_before, unit_id, landlord_id, raised_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING contract_id`,
        [target.contract, target.id, target.endDate, target.daysBefore, contract.unit_id, contract.landlord_id, this.clock.today()],
      );
      return inserted.length > 0 ? ('raised' as const) : ('already_raised' as const);
    });
  }
}
