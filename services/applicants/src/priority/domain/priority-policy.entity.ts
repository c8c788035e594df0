import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PriorityPolicy, PriorityWeights } from './priority-policy';

/** A published priority policy version (2 and up; version 1 is DEFAULT_PRIORITY_POLICY in code).
 *  Versions are immutable; the highest one is in force. */
@Entity('priority_policies')
export class PriorityPolicyVersion {
  @PrimaryColumn('int') version: number;
  @Column('jsonb') weights: PriorityWeights;
  @Column('text') summary: string;
  @Column('text', { name: 'published_by' }) publishedBy: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt: Date;
  @Column('timestamptz', { name: 'rescoring_completed_at', nullable: true }) rescoringCompletedAt: Date | null;
  @Column('int', { name: 'rescored_households', nullable: true }) rescoredHouseholds: number | null;
  @Column('int', { name: 'changed_households', nullable: true }) changedHouseholds: number | null;

  toPolicy(): PriorityPolicy {
    return { version: this.version, weights: this.weights };
  }
}
