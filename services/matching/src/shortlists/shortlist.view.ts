import { AvailableUnit } from '../unit-pool/available-unit.entity';
import { Shortlist } from './domain/shortlist.entity';

/** `waitlistChangedSince`: households joined, left or changed on the waitlist after it was computed. */
export function toShortlistView(shortlist: Shortlist, unit: AvailableUnit, waitlistChangedSince: boolean) {
  return {
    unitId: shortlist.unitId,
    unitVersion: shortlist.unitVersion,
    unitStatus: unit.status,
    computedAt: shortlist.computedAt,
    waitlistChangedSince,
    policy: shortlist.policy,
    k: shortlist.k,
    candidates: shortlist.candidates,
    entries: shortlist.entries,
  };
}

export type ShortlistView = ReturnType<typeof toShortlistView>;
