import { AvailableUnit } from '../unit-pool/available-unit.entity';
import { Shortlist } from './domain/shortlist.entity';

export function toShortlistView(shortlist: Shortlist, unit: AvailableUnit) {
  return {
    unitId: shortlist.unitId,
    unitVersion: shortlist.unitVersion,
    unitStatus: unit.status,
    computedAt: shortlist.computedAt,
    policy: shortlist.policy,
    k: shortlist.k,
    candidates: shortlist.candidates,
    entries: shortlist.entries,
  };
}

export type ShortlistView = ReturnType<typeof toShortlistView>;
