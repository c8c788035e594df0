import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';

/** One money step of a tenancy, as reporting keeps it: amounts in cents, days and codes only. */
export type MoneyStep =
  | { step: 'charged'; month: string; amountCents: number; dueOn: string }
  | { step: 'paid'; amountCents: number; receivedOn: string; source: string }
  | { step: 'indexed'; effectiveOn: string; previousRentCents: number; newRentCents: number }
  | { step: 'claim_opened'; claimId: string; landlordId: string; kind: string; amountCents: number; openedOn: string }
  | { step: 'claim_decided'; claimId: string; kind: string; decision: string; approvedCents: number; decidedOn: string }
  | { step: 'claim_paid'; claimId: string; landlordId: string; kind: string; paidCents: number; paidOn: string };

export class RecordMoneyStepCommand extends Command<void> {
  constructor(
    readonly tenancyId: string,
    readonly tenancyVersion: number,
    readonly unitId: string,
    readonly householdId: string,
    readonly money: MoneyStep,
  ) {
    super();
  }
}

/**
 * Rent charged, payments received, rent indexations and guarantee claims of a tenancy (hearth.leases). Charges and
 * payments are keyed by the tenancy's aggregate version and a claim by its id, each event filling
 * its own columns: redeliveries and arrival order change nothing. No balance, no payment details.
 */
@CommandHandler(RecordMoneyStepCommand)
export class RecordMoneyStepHandler implements ICommandHandler<RecordMoneyStepCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ tenancyId, tenancyVersion, unitId, householdId, money }: RecordMoneyStepCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      // The tenancy is known by its ids even before its start arrives (filters join on it).
      await manager.query(`INSERT INTO tenancies (tenancy_id, unit_id, household_id) VALUES ($1, $2, $3) ON CONFLICT (tenancy_id) DO NOTHING`, [tenancyId, unitId, householdId]);
      switch (money.step) {
        case 'charged':
          await manager.query(
            `INSERT INTO rent_charges (tenancy_id, tenancy_version, month, amount_cents, due_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [tenancyId, tenancyVersion, money.month, money.amountCents, money.dueOn],
          );
          break;
        case 'paid':
          await manager.query(
            `INSERT INTO rent_payments (tenancy_id, tenancy_version, amount_cents, received_on, source) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [tenancyId, tenancyVersion, money.amountCents, money.receivedOn, money.source],
          );
          break;
        case 'indexed':
          await manager.query(
            `INSERT INTO rent_indexations (tenancy_id, tenancy_version, effective_on, previous_rent_cents, new_rent_cents) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [tenancyId, tenancyVersion, money.effectiveOn, money.previousRentCents, money.newRentCents],
          );
          break;
        case 'claim_opened':
          await manager.query(
            `INSERT INTO guarantee_claims (claim_id, tenancy_id, unit_id, landlord_id, kind, amount_cents, opened_on) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (claim_id) DO UPDATE SET landlord_id = coalesce(guarantee_claims.landlord_id, EXCLUDED.landlord_id),
               amount_cents = coalesce(guarantee_claims.amount_cents, EXCLUDED.amount_cents), opened_on = coalesce(guarantee_claims.opened_on, EXCLUDED.opened_on)`,
            [money.claimId, tenancyId, unitId, money.landlordId, money.kind, money.amountCents, money.openedOn],
          );
          break;
        case 'claim_decided':
          await manager.query(
            `INSERT INTO guarantee_claims (claim_id, tenancy_id, unit_id, kind, decision, approved_cents, decided_on) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (claim_id) DO UPDATE SET decision = coalesce(guarantee_claims.decision, EXCLUDED.decision),
               approved_cents = coalesce(guarantee_claims.approved_cents, EXCLUDED.approved_cents), decided_on = coalesce(guarantee_claims.decided_on, EXCLUDED.decided_on)`,
            [money.claimId, tenancyId, unitId, money.kind, money.decision, money.approvedCents, money.decidedOn],
          );
          break;
        case 'claim_paid':
          await manager.query(
            `INSERT INTO guarantee_claims (claim_id, tenancy_id, unit_id, landlord_id, kind) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (claim_id) DO UPDATE SET landlord_id = coalesce(guarantee_claims.landlord_id, EXCLUDED.landlord_id)`,
            [money.claimId, tenancyId, unitId, money.landlordId, money.kind],
          );
          await manager.query(
            `INSERT INTO guarantee_claim_payments (tenancy_id, tenancy_version, claim_id, paid_cents, paid_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [tenancyId, tenancyVersion, money.claimId, money.paidCents, money.paidOn],
          );
          break;
      }
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
