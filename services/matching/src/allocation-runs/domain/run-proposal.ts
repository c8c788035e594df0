import { Assignment, Unit } from '@hearth/matching-engine';

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
}

export function toRunProposals(
  assignments: readonly Assignment[],
  units: readonly Unit[],
  references: Readonly<Record<string, string>>,
  flaggedUnitIds: readonly string[],
): RunProposal[] {
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const flagged = new Set(flaggedUnitIds);
  return assignments.map((assignment) => {
    const unit = unitById.get(assignment.unitId)!;
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
    };
  });
}
