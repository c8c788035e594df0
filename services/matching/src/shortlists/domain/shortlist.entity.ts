import { ScoreBreakdown, Weights } from '@hearth/matching-engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ShortlistEntry {
  /** 1 = first. */
  rank: number;
  householdId: string;
  reference: string;
  score: number;
  breakdown: ScoreBreakdown;
  /** Why the household may be offered this unit, in words (the engine's). */
  reasons: string[];
  priority: number;
  waitingDays: number;
}

export interface ShortlistPolicy {
  weights: Weights;
  maxExtraBedrooms: number;
}

/** The latest shortlist of a unit: its best households by the engine, with their explanation. */
@Entity('shortlists')
export class Shortlist {
  @PrimaryColumn('uuid', { name: 'unit_id' }) unitId: string;
  /** The unit aggregate version it was computed for. */
  @Column('int', { name: 'unit_version' }) unitVersion: number;
  @Column('jsonb') policy: ShortlistPolicy;
  @Column('int') k: number;
  /** How many households passed every hard rule (the pool the k were chosen from). */
  @Column('int') candidates: number;
  @Column('jsonb') entries: ShortlistEntry[];
  @Column('timestamptz', { name: 'computed_at' }) computedAt: Date;
}
