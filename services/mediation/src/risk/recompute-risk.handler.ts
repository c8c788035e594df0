import { SYSTEM_ACTOR, TenancyAtRisk, TenancyRiskCleared } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MediationRules } from '../config';
import { KnownTenancy } from '../directory/known-tenancy.entity';
import { RecomputeRiskCommand } from './recompute-risk.command';
import { riskContributions } from './risk-score';
import { TenancyArrears, TenancyRisk } from './tenancy-risk.entity';

/**
 * Combines arrears (leases), open complaints and their intensity, missed support contacts (an
 * overdue post-arrival meeting) and an unresolved case review into one score. Crossing the
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
      const tenancy = await manager.findOneBy(KnownTenancy, { tenancyId });
      if (!tenancy) return 'unknown_tenancy' as const;
      const today = this.rules.today();
      // One query at a time: they share the transaction's connection.
      const arrears = await manager.findOneBy(TenancyArrears, { tenancyId });
      const complaints = await manager.query<{ intensity: 'low' | 'medium' | 'high' | 'severe' }[]>(
        `SELECT intensity FROM complaints WHERE tenancy_id = $1 AND status IN ('awaiting_acknowledgement', 'awaiting_answer') ORDER BY received_at`,
        [tenancyId],
      );
      const reviews = await manager.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM case_reviews WHERE tenancy_id = $1 AND status = 'open'`, [tenancyId]);
      const meetings = await manager.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM preparations WHERE tenancy_id = $1 AND meeting_due_on < $2 AND meeting_held_on IS NULL AND status <> 'cancelled'`,
        [tenancyId, today],
      );
      const factors = riskContributions(
        {
          arrearsEstablished: tenancy.status !== 'ended' && (arrears?.established ?? false),
          brokenPaymentPlan: tenancy.status !== 'ended' && (arrears?.brokenPaymentPlan ?? false),
          openComplaintIntensities: complaints.map((row) => row.intensity),
          missedSupportContacts: meetings[0].count,
          unresolvedCaseReview: reviews[0].count > 0,
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
        const created = manager.create(TenancyRisk, { id: tenancyId, version: 0, unitId: tenancy.unitId, householdId: tenancy.householdId, reference: tenancy.reference, score, atRisk, factors, changedAt: new Date() });
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
      risk.changedAt = new Date();
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
