import { Assignment, Instance, priorityDepartures } from '@hearth/matching-engine';

export type ProposalOutcome = 'pending' | 'offer_proposed' | 'excluded' | 'skipped';

/** One pair of a run's result, and what became of it. */
export interface RunProposal {
  unitId: string;
  householdId: string;
  reference: string;
  score: number;
  district: string;
  buildingId: string;
  /** Beyond the district soft limit (see districtReport). */
  overDistrictLimit: boolean;
  outcome: ProposalOutcome;
  offerId: string | null;
  /** Why a proposal was skipped (the unit or household changed since the run), as an error code. */
  skippedBecause: string | null;
  /** The household's priority in the run (absent in runs solved before 2026-12-01). */
  priority?: number;
  /** The household of highest priority left without a flat that was eligible for this one, when one
   *  of higher priority than this household was (a departure from strict priority order); else null. */
  passedOver?: { householdId: string; reference: string; priority: number } | null;
}

export function toRunProposals(
  assignments: readonly Assignment[],
  instance: Instance,
  references: Readonly<Record<string, string>>,
  flaggedUnitIds: readonly string[],
): RunProposal[] {
  const unitById = new Map(instance.units.map((unit) => [unit.id, unit]));
  const priorityOf = new Map(instance.applicants.map((applicant) => [applicant.id, applicant.priority]));
  const departures = new Map(priorityDepartures(instance, assignments).map((departure) => [departure.unitId, departure]));
  const flagged = new Set(flaggedUnitIds);
  return assignments.map((assignment) => {
    const unit = unitById.get(assignment.unitId)!;
    const departure = departures.get(assignment.unitId);
    return {
      unitId: assignment.unitId,
      householdId: assignment.applicantId,
      reference: references[assignment.applicantId],
      score: assignment.score,
      district: unit.district,
      buildingId: unit.buildingId,
      overDistrictLimit: flagged.has(assignment.unitId),
      outcome: 'pending',
      offerId: null,
      skippedBecause: null,
      priority: priorityOf.get(assignment.applicantId)!,
      passedOver: departure ? { householdId: departure.passedOverId, reference: references[departure.passedOverId], priority: departure.passedOverPriority } : null,
    };
  });
}
