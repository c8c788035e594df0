import { numericColumn } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BoardDecisionKind = 'urgent' | 'priority_adjustment';


/** A housing board's decision about one household, kept for ever as the record of a departure
 *  from the policy's order; a reversal is recorded on it, never a deletion. */
@Entity('board_decisions')
export class BoardDecision {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') kind: BoardDecisionKind;
  @Column('numeric', { precision: 4, scale: 1, nullable: true, transformer: numericColumn }) points: number | null;
  @Column('text') justification: string;
  @Column('text', { name: 'decided_by' }) decidedBy: string;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt: Date;
  @Column('timestamptz', { name: 'reversed_at', nullable: true }) reversedAt: Date | null;
  @Column('text', { name: 'reversed_by', nullable: true }) reversedBy: string | null;
  @Column('text', { name: 'reversal_justification', nullable: true }) reversalJustification: string | null;

  get isActive(): boolean {
    return this.reversedAt === null;
  }
}

/** Urgent status and the sum of the adjustments still in force. */
export function boardStandingOf(decisions: readonly BoardDecision[]): { urgent: boolean; adjustment: number } {
  const active = decisions.filter((d) => d.isActive);
  return {
    urgent: active.some((d) => d.kind === 'urgent'),
    adjustment: Math.round(active.reduce((sum, d) => sum + (d.points ?? 0) * 10, 0)) / 10,
  };
}
