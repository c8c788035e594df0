import { EntityManager, In, MoreThanOrEqual } from 'typeorm';
import { LedgerEntry } from '../ledger/domain/ledger-entry.entity';
import { planReadingOf } from '../ledger/settlement';
import { InstalmentStanding, instalmentStandings } from './domain/payment-plan';
import { PaymentPlan } from './domain/payment-plan.entity';

/** A payment plan with each of its instalments' standing on a given day. */
export interface PlanStanding {
  plan: PaymentPlan;
  instalments: InstalmentStanding[];
}

/**
 * Reads where each plan's instalments stand on `today` from its tenancy's ledger since the plan
 * was agreed — what was paid and charged since as settling a tenancy reads them (planReadingOf),
 * by the rule that breaks a plan (instalmentStandings). One ledger query for all the plans.
 */
export async function planStandings(manager: EntityManager, plans: readonly PaymentPlan[], today: string): Promise<PlanStanding[]> {
  if (plans.length === 0) return [];
  const since = plans.map((p) => p.agreedOn).reduce((earliest, day) => (day < earliest ? day : earliest));
  const entries = await manager.find(LedgerEntry, {
    where: { tenancyId: In([...new Set(plans.map((p) => p.tenancyId))]), bookedOn: MoreThanOrEqual(since) },
    select: { tenancyId: true, kind: true, bookedOn: true, amountCents: true },
  });
  return plans.map((plan) => {
    const { paidSinceCents, chargedSinceCents } = planReadingOf(
      plan,
      entries.filter((e) => e.tenancyId === plan.tenancyId),
    );
    return { plan, instalments: instalmentStandings(plan.instalments, paidSinceCents, chargedSinceCents, today) };
  });
}
