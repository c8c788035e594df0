import { AllocationResult, Certificate, Frontier, Instance } from '@hearth/matching-engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Everything a reader needs to re-check a run without trusting matching: the exact engine input, the result and, for optimal runs, the certificate. */
@Entity('allocation_run_census')
export class AllocationRunCensus {
  @PrimaryColumn('uuid', { name: 'run_id' }) runId: string;
  @Column('json') instance: Instance;
  @Column('json', { name: 'household_references' }) householdReferences: Record<string, string>;
  @Column('json') result: Pick<AllocationResult, 'mode' | 'assignments' | 'totalScore' | 'stats'>;
  @Column('json', { nullable: true }) certificate: Certificate | null;
  /** Runs that asked for it: every point of the frontier with its pairs and certificate (docs/matching-rules.md#what-strict-priority-costs). */
  @Column('json', { nullable: true }) frontier: Frontier | null;
}
