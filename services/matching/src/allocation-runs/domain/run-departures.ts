import { priorityDepartureSchema } from '@hearth/contracts';
import { z } from 'zod';
import { AllocationRun } from './allocation-run.entity';

export type RunDeparture = z.infer<typeof priorityDepartureSchema>;

/**
 * The departures from strict priority order in what a decided run put into offers, with the
 * justification recorded (docs/indicators.md#priority-departures): each proposal that became an
 * offer while a household of higher priority, eligible for its flat, got no flat (`run_choice`:
 * the optimum under the board's weights, the frontier point the board approved, or the caps of a
 * priority run), and each proposal the board left out (`board_exclusion`: flagged over the district
 * limit, or the board's decision). Ids and priorities only. Runs solved before proposals knew whom
 * they passed over list their exclusions only.
 */
export function runDepartures(run: Pick<AllocationRun, 'mode' | 'approvedPoint' | 'proposals'>): RunDeparture[] {
  const choice = run.approvedPoint !== null ? 'frontier_point' : run.mode === 'optimal' ? 'optimal_allocation' : 'caps_in_priority_order';
  return run.proposals.flatMap((proposal): RunDeparture[] => {
    const passed = {
      unitId: proposal.unitId,
      householdId: proposal.householdId,
      priority: proposal.priority ?? null,
      passedOverHouseholdId: proposal.passedOver?.householdId ?? null,
      passedOverPriority: proposal.passedOver?.priority ?? null,
    };
    if (proposal.outcome === 'excluded') return [{ kind: 'board_exclusion', justification: proposal.overDistrictLimit ? 'over_district_limit' : 'board_decision', ...passed }];
    if (proposal.outcome === 'offer_proposed' && proposal.passedOver) return [{ kind: 'run_choice', justification: choice, ...passed }];
    return [];
  });
}
