import { shortlist } from '@hearth/matching-engine';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Candidate, CandidatePool } from '../household-pool/candidate-pool';
import { todayUtc, toEngineApplicant } from '../household-pool/waitlisted-household.entity';
import { MatchingSettings } from '../matching-settings';
import { AvailableUnit, toEngineUnit } from '../unit-pool/available-unit.entity';
import { Shortlist, ShortlistEntry, ShortlistPolicy } from './domain/shortlist.entity';

export interface Ranking {
  entries: ShortlistEntry[];
  /** Households that passed every hard rule. */
  candidates: number;
}

/**
 * Ranks a unit's candidates with the engine (`shortlist`: score, then priority, waiting time and
 * id), after PostgreSQL's pre-filter. Never ranks on its own.
 */
@Injectable()
export class Shortlister {
  constructor(
    private readonly pool: CandidatePool,
    private readonly settings: MatchingSettings,
  ) {}

  get policy(): ShortlistPolicy {
    return { weights: this.settings.policy.weights, maxExtraBedrooms: this.settings.policy.maxExtraBedrooms };
  }

  /** The k best candidates for the unit, best first; k = Infinity ranks them all. */
  async rank(manager: EntityManager, unit: AvailableUnit, k: number, now = new Date()): Promise<Ranking> {
    const on = todayUtc(now);
    if (!Number.isFinite(k)) {
      const candidates = await this.pool.forUnit(manager, unit, this.policy);
      return { entries: rankCandidates(unit, candidates, this.policy, k, on), candidates: candidates.length };
    }
    const { candidates, total } = await this.pool.bestForUnit(manager, unit, this.policy, k, on);
    return { entries: rankCandidates(unit, candidates, this.policy, k, on), candidates: total };
  }

  /**
   * Where a household stands among the unit's current candidates (1 = first; null when it is not
   * one), and who is first. The usual case, the first household, needs only the top of the list.
   */
  async standing(manager: EntityManager, unit: AvailableUnit, householdId: string): Promise<{ rank: number | null; first: ShortlistEntry | null }> {
    const top = await this.rank(manager, unit, 1);
    const first = top.entries[0] ?? null;
    if (first?.householdId === householdId) return { rank: 1, first };
    const { entries } = await this.rank(manager, unit, Infinity);
    const position = entries.findIndex((entry) => entry.householdId === householdId);
    return { rank: position < 0 ? null : position + 1, first: entries[0] ?? null };
  }

  /** Computes the unit's shortlist and stores it as the unit's latest. */
  async computeAndStore(manager: EntityManager, unit: AvailableUnit, k = this.settings.shortlistSize): Promise<Shortlist> {
    const { entries, candidates } = await this.rank(manager, unit, k);
    const computedAt = new Date();
    const stored: Shortlist = { unitId: unit.unitId, unitVersion: unit.unitVersion, policy: this.policy, k, candidates, entries, computedAt };
    await manager.query(
      `INSERT INTO shortlists (unit_id, unit_version, policy, k, candidates, entries, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (unit_id) DO UPDATE SET unit_version = EXCLUDED.unit_version, policy = EXCLUDED.policy, k = EXCLUDED.k,
         candidates = EXCLUDED.candidates, entries = EXCLUDED.entries, computed_at = EXCLUDED.computed_at`,
      [stored.unitId, stored.unitVersion, JSON.stringify(stored.policy), k, candidates, JSON.stringify(entries), computedAt],
    );
    return stored;
  }
}

/** The engine's shortlist of these candidates, with their references and rank. */
export function rankCandidates(unit: AvailableUnit, candidates: readonly Candidate[], policy: ShortlistPolicy, k: number, on: string): ShortlistEntry[] {
  const byId = new Map(candidates.map((candidate) => [candidate.householdId, candidate]));
  const applicants = candidates.map((candidate) => toEngineApplicant(candidate, on));
  const waitingDaysById = new Map(applicants.map((applicant) => [applicant.id, applicant.waitingDays]));
  return shortlist(toEngineUnit(unit), applicants, policy, Number.isFinite(k) ? k : applicants.length).map((entry, index) => {
    const candidate = byId.get(entry.applicantId)!;
    return {
      rank: index + 1,
      householdId: entry.applicantId,
      reference: candidate.reference,
      score: entry.score,
      breakdown: entry.breakdown,
      reasons: [...entry.reasons],
      priority: candidate.priority,
      waitingDays: waitingDaysById.get(entry.applicantId)!,
    };
  });
}
