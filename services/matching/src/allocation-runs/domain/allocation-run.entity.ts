import { ActorRef } from '@hearth/contracts';
import { AllocationMode } from '@hearth/matching-engine';
import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { DistrictReport } from './district-report';
import { RunFrontier } from './run-frontier';
import { RunPolicy } from './run-policy';
import { RunProposal } from './run-proposal';
import { nextRunStatus, RunStatus } from './run-status';

/** Wall time of each phase of the job, in milliseconds. */
export interface RunTimings {
  /** Loading the pool and building the engine instance. */
  snapshotMs: number;
  solveMs: number;
  /** Checking the optimality certificate (optimal runs; 0 otherwise). */
  checkMs: number;
  /** Writing the census, the result, the event (and the offers when no approval is required). */
  storeMs: number;
  /** Computing and checking the frontier, when the run asked for it. */
  frontierMs?: number;
}

export interface UnitLeftOut {
  unitId: string;
  reason: 'unknown' | 'not_available' | 'has_live_offer';
}

/** A batch allocation over many units: its request, its progress and its result (the full input is in its census). */
@Entity('allocation_runs')
export class AllocationRun extends VersionedEntity {
  @Column('text') status: RunStatus;
  @Column('text') mode: AllocationMode;
  @Column('jsonb') policy: RunPolicy;
  @Column('int', { name: 'district_limit', nullable: true }) districtLimit: number | null;
  /** The units asked for; null means every available unit. */
  @Column('uuid', { name: 'unit_ids', array: true, nullable: true }) unitIds: string[] | null;
  @Column('jsonb', { name: 'units_left_out' }) unitsLeftOut: UnitLeftOut[];
  @Column('jsonb', { name: 'requested_by' }) requestedBy: ActorRef;
  @Column('int') progress: number;
  @Column('text', { nullable: true }) phase: string | null;
  @Column('date', { name: 'run_date', nullable: true }) runDate: string | null;
  @Column('text', { name: 'engine_version' }) engineVersion: string;
  @Column('int', { name: 'unit_count', nullable: true }) unitCount: number | null;
  @Column('int', { name: 'household_count', nullable: true }) householdCount: number | null;
  @Column('int', { name: 'eligible_pairs', nullable: true }) eligiblePairs: number | null;
  @Column('int', { name: 'proposal_count', nullable: true }) proposalCount: number | null;
  @Column('double precision', { name: 'total_score', nullable: true }) totalScore: number | null;
  @Column('boolean', { name: 'certificate_valid', nullable: true }) certificateValid: boolean | null;
  @Column('jsonb') proposals: RunProposal[];
  @Column('jsonb', { name: 'district_report', nullable: true }) districtReport: DistrictReport | null;
  /** The run asked for the frontier between the best overall allocation and strict priority (optimal runs). */
  @Column('boolean', { name: 'frontier_requested' }) frontierRequested: boolean;
  /** Its summary, once solved (the points themselves are in the census). */
  @Column('jsonb', { nullable: true }) frontier: RunFrontier | null;
  /** The frontier point the board approved (1 = the best overall allocation); null when it approved the run's own proposals. */
  @Column('int', { name: 'approved_point', nullable: true }) approvedPoint: number | null;
  @Column('jsonb', { nullable: true }) timings: RunTimings | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('jsonb', { name: 'decided_by', nullable: true }) decidedBy: ActorRef | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'decision_note', nullable: true }) decisionNote: string | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;

  start(): void {
    this.status = nextRunStatus(this.status, 'start');
  }

  /** Its worker died mid-solve; the solve starts over. */
  resume(): void {
    this.status = nextRunStatus(this.status, 'resume');
    this.error = null;
  }

  /** Solved: the proposals wait for a board member, or go out at once. */
  complete(approvalRequired: boolean, now: Date): void {
    this.status = nextRunStatus(this.status, approvalRequired ? 'await_approval' : 'propose_offers');
    this.progress = 100;
    this.phase = 'done';
    this.completedAt = now;
  }

  decide(decision: 'approve' | 'reject', by: ActorRef, note: string | null, now: Date): void {
    this.status = nextRunStatus(this.status, decision);
    this.decidedBy = { id: by.id, role: by.role };
    this.decidedAt = now;
    this.decisionNote = note;
  }

  fail(message: string, now: Date): void {
    this.status = nextRunStatus(this.status, 'fail');
    this.error = message;
    this.phase = 'failed';
    this.completedAt = now;
  }
}
