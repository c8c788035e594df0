import { SYSTEM_ACTOR, TenancyAtRisk, TenancyRiskCleared } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MediationRules } from '../config';
import { RecomputeRiskCommand } from './recompute-risk.command';
import { riskContributions } from './risk-score';
import { TenancyRisk } from './tenancy-risk.entity';

/**
 * Combines arrears (leases), open complaints and their intensity, missed support contacts (an
 * overdue post-arrival meeting, each week of a buddy's first weeks without a logged contact) and an unresolved case review into one score. Crossing the
 * threshold publishes TenancyAtRisk with each factor's contribution; falling back below it
 * publishes TenancyRiskCleared. Reads a handful of indexed rows: cheap enough to run on every event.
 */
@CommandHandler(RecomputeRiskCommand)
export class RecomputeRiskHandler implements ICommandHandler<RecomputeRiskCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
    private readonly rules: MediationRules,
  ) {}

  execute({ tenancyId }: RecomputeRiskCommand) {
    return this.unitOfWork.run(async (manager) => {
      // One recompute per tenancy at a time, and its inputs read only once the lock is held: two
      // concurrent changes (an arrears event and an answered complaint) must not compute from each
      // other's stale state, nor both create the tenancy's risk row.
      const locked = await manager.query<unknown[]>('SELECT 1 FROM known_tenancies WHERE tenancy_id = $1 FOR UPDATE', [tenancyId]);
      if (locked.length === 0) return 'unknown_tenancy' as const;
      // Everything the score reads, in one round trip (indexed by tenancy).
      const [inputs] = await manager.query<
        { unit_id: string; household_id: string; reference: string; status: string; established: boolean | null; broken: boolean | null; intensities: ('low' | 'medium' | 'high' | 'severe')[]; reviews: number; missed: number; missed_buddy_weeks: number }[]
      >(
        `SELECT t.unit_id, t.household_id, t.reference, t.status, a.established, a.broken_payment_plan AS broken,
                coalesce((SELECT array_agg(c.intensity ORDER BY c.received_at) FROM complaints c
                           WHERE c.tenancy_id = t.tenancy_id AND c.status IN ('awaiting_acknowledgement', 'awaiting_answer')), '{}') AS intensities,
                (SELECT count(*)::int FROM case_reviews r WHERE r.tenancy_id = t.tenancy_id AND r.status = 'open') AS reviews,
                (SELECT count(*)::int FROM preparations p WHERE p.tenancy_id = t.tenancy_id AND p.meeting_due_on < $2 AND p.meeting_held_on IS NULL AND p.status <> 'cancelled') AS missed,
                -- Weeks since a buddy was assigned (up to BUDDY_CONTACT_WEEKS) without a logged contact.
                (SELECT coalesce(sum(w.weeks - (SELECT count(DISTINCT (b.contacted_on - p.buddy_assigned_on) / 7) FROM buddy_contacts b
                                                 WHERE b.preparation_id = p.id AND b.contacted_on >= p.buddy_assigned_on AND (b.contacted_on - p.buddy_assigned_on) / 7 < w.weeks)), 0)::int
                   FROM preparations p CROSS JOIN LATERAL (SELECT least(($2::date - p.buddy_assigned_on) / 7, $3::int) AS weeks) w
                  WHERE p.tenancy_id = t.tenancy_id AND p.buddy_assigned_on IS NOT NULL AND p.status <> 'cancelled' AND w.weeks > 0) AS missed_buddy_weeks
           FROM known_tenancies t LEFT JOIN tenancy_arrears a ON a.tenancy_id = t.tenancy_id
          WHERE t.tenancy_id = $1`,
        [tenancyId, this.rules.today(), this.rules.buddyContactWeeks],
      );
      if (!inputs) return 'unknown_tenancy' as const;
      const tenancy = { unitId: inputs.unit_id, householdId: inputs.household_id, reference: inputs.reference, status: inputs.status };
      const factors = riskContributions(
        {
          arrearsEstablished: tenancy.status !== 'ended' && (inputs.established ?? false),
          brokenPaymentPlan: tenancy.status !== 'ended' && (inputs.broken ?? false),
          openComplaintIntensities: inputs.intensities,
          missedSupportContacts: inputs.missed + inputs.missed_buddy_weeks,
          unresolvedCaseReview: inputs.reviews > 0,
        },
        this.rules.risk,
      );
      const score = factors.reduce((sum, factor) => sum + factor.contribution, 0);
      const threshold = this.rules.risk.threshold;
      const atRisk = tenancy.status !== 'ended' && score >= threshold;
      const risk = await manager.findOne(TenancyRisk, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      const ref = { tenancyId, unitId: tenancy.unitId, householdId: tenancy.householdId, reference: tenancy.reference };
      if (!risk) {
        if (!atRisk && score === 0) return 'unchanged' as const;
        const created = manager.create(TenancyRisk, { id: tenancyId, version: 0, unitId: tenancy.unitId, householdId: tenancy.householdId, reference: tenancy.reference, score, atRisk, factors, changedAt: this.rules.now() });
        await this.store.save(manager, TenancyRisk, created, (version) =>
          atRisk
            ? [newEvent(TenancyAtRisk, { aggregateId: tenancyId, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: { ...ref, score, threshold, factors: factors.map(({ factor, contribution }) => ({ factor, contribution })) } })]
            : [],
        );
        return atRisk ? ('at_risk' as const) : ('updated' as const);
      }
      const crossedUp = atRisk && !risk.atRisk;
      const crossedDown = !atRisk && risk.atRisk;
      if (!crossedUp && !crossedDown && risk.score === score && JSON.stringify(risk.factors) === JSON.stringify(factors)) return 'unchanged' as const;
      risk.score = score;
      risk.factors = factors;
      risk.atRisk = atRisk;
      risk.changedAt = this.rules.now();
      await this.store.save(manager, TenancyRisk, risk, (version) => {
        if (crossedUp) {
          return [newEvent(TenancyAtRisk, { aggregateId: tenancyId, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: { ...ref, score, threshold, factors: factors.map(({ factor, contribution }) => ({ factor, contribution })) } })];
        }
        if (crossedDown) return [newEvent(TenancyRiskCleared, { aggregateId: tenancyId, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: { ...ref, score, threshold } })];
        return [];
      });
      return crossedUp ? ('at_risk' as const) : crossedDown ? ('cleared' as const) : ('updated' as const);
    });
  }
}
