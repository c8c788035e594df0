import { AllocationRun } from './domain/allocation-run.entity';

export function toRunView(run: AllocationRun) {
  return {
    id: run.id,
    version: run.version,
    status: run.status,
    mode: run.mode,
    progress: run.progress,
    phase: run.phase,
    policy: run.policy,
    districtLimit: run.districtLimit,
    units: run.unitIds ?? 'all',
    unitsLeftOut: run.unitsLeftOut,
    requestedBy: run.requestedBy,
    runDate: run.runDate,
    engineVersion: run.engineVersion,
    counts: { units: run.unitCount, households: run.householdCount, eligiblePairs: run.eligiblePairs, proposals: run.proposalCount },
    totalScore: run.totalScore,
    certificateValid: run.certificateValid,
    districtReport: run.districtReport,
    frontierRequested: run.frontierRequested,
    frontier: run.frontier,
    approvedPoint: run.approvedPoint,
    proposals: run.proposals,
    timings: run.timings,
    error: run.error,
    decidedBy: run.decidedBy,
    decidedAt: run.decidedAt,
    decisionNote: run.decisionNote,
    completedAt: run.completedAt,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

export type RunView = ReturnType<typeof toRunView>;

/** The list shows the run without its proposals. */
export function toRunSummary(run: AllocationRun) {
  const { proposals: _proposals, districtReport: _districtReport, ...summary } = toRunView(run);
  return summary;
}
