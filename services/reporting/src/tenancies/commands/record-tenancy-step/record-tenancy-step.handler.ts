import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';

/** The columns of a tenancy one leases event fills (each event its own, so arrival order does not matter). */
export type TenancyFacts = Partial<{
  landlordId: string;
  startedOn: string;
  rentCents: number;
  serviceChargesCents: number;
  noticeGivenOn: string;
  noticeEndsOn: string;
  noticeGivenBy: string;
  noticeReason: string;
  endedOn: string;
  endReason: string;
}>;

const COLUMNS: Record<keyof TenancyFacts, string> = {
  landlordId: 'landlord_id',
  startedOn: 'started_on',
  rentCents: 'rent_cents',
  serviceChargesCents: 'service_charges_cents',
  noticeGivenOn: 'notice_given_on',
  noticeEndsOn: 'notice_ends_on',
  noticeGivenBy: 'notice_given_by',
  noticeReason: 'notice_reason',
  endedOn: 'ended_on',
  endReason: 'end_reason',
};

export interface ArrearsChange {
  tenancyVersion: number;
  changedOn: string;
  ageing: string;
  arrearsCents: number;
  monthsUnpaid: number;
}

export class RecordTenancyStepCommand extends Command<void> {
  constructor(
    readonly tenancyId: string,
    readonly unitId: string,
    readonly householdId: string,
    readonly facts: TenancyFacts,
    /** A change of the tenancy's arrears (RentArrearsChanged), kept as history. */
    readonly arrears: ArrearsChange | null = null,
  ) {
    super();
  }
}

/** A tenancy's spell (start, notice, end and why) and its arrears history; no household reference, no payment detail. */
@CommandHandler(RecordTenancyStepCommand)
export class RecordTenancyStepHandler implements ICommandHandler<RecordTenancyStepCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ tenancyId, unitId, householdId, facts, arrears }: RecordTenancyStepCommand): Promise<void> {
    const entries = (Object.keys(facts) as (keyof TenancyFacts)[]).filter((key) => facts[key] !== undefined);
    const columns = entries.map((key) => COLUMNS[key]);
    const values = entries.map((key) => facts[key] ?? null);
    return this.unitOfWork.run(async (manager) => {
      await manager.query(
        `INSERT INTO tenancies (tenancy_id, unit_id, household_id${columns.map((c) => `, ${c}`).join('')})
         VALUES ($1, $2, $3${values.map((_, i) => `, $${i + 4}`).join('')})
         ON CONFLICT (tenancy_id) DO ${columns.length ? `UPDATE SET ${columns.map((c) => `${c} = coalesce(tenancies.${c}, EXCLUDED.${c})`).join(', ')}` : 'NOTHING'}`,
        [tenancyId, unitId, householdId, ...values],
      );
      if (arrears) {
        await manager.query(
          `INSERT INTO tenancy_arrears (tenancy_id, tenancy_version, changed_on, ageing, arrears_cents, months_unpaid) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [tenancyId, arrears.tenancyVersion, arrears.changedOn, arrears.ageing, arrears.arrearsCents, arrears.monthsUnpaid],
        );
      }
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
