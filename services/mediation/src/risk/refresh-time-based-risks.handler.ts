import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MediationRules } from '../config';
import { RecomputeRiskCommand } from './recompute-risk.command';

export class RefreshTimeBasedRisksCommand extends Command<number> {}

/**
 * Some factors change with time alone (a post-arrival meeting whose day has passed, a week of a buddy's
 * first weeks without a contact, are missed support contacts): once a day, with the digest, the risk of every tenancy with such a factor is
 * recomputed, each in its own transaction. Returns how many were recomputed.
 */
@CommandHandler(RefreshTimeBasedRisksCommand)
export class RefreshTimeBasedRisksHandler implements ICommandHandler<RefreshTimeBasedRisksCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commandBus: CommandBus,
    private readonly rules: MediationRules,
  ) {}

  async execute(): Promise<number> {
    const rows: { tenancy_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT tenancy_id FROM preparations
        WHERE tenancy_id IS NOT NULL AND status <> 'cancelled'
          AND ((meeting_due_on < $1 AND meeting_held_on IS NULL) OR buddy_assigned_on > $1::date - 7 * ($2::int + 1))`,
      [this.rules.today(), this.rules.buddyContactWeeks],
    );
    for (const row of rows) await this.commandBus.execute(new RecomputeRiskCommand(row.tenancy_id));
    return rows.length;
  }
}
