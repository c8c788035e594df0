import { isEligible } from './eligibility';
import { ScoreBreakdown, baseScore, score, scoreBreakdown } from './score';
import { Applicant, Policy, Unit, maxExtraBedroomsOf } from './types';
import { bedrooms } from './wording';

export interface ShortlistEntry {
  readonly applicantId: string;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  /** Why the household may be offered this flat. */
  readonly reasons: readonly string[];
}

/**
 * The k best eligible households for one flat, best first (score desc, then priority desc,
 * waitingDays desc, id asc). One pass with a bounded heap whose root is the worst kept entry;
 * breakdowns and reasons are built only for the k returned.
 */
export function shortlist(
  unit: Unit,
  applicants: readonly Applicant[],
  policy: Pick<Policy, 'weights' | 'maxExtraBedrooms'>,
  k: number,
): ShortlistEntry[] {
  const capacity = Math.min(Math.max(0, Math.floor(k)), applicants.length);
  if (capacity === 0) return [];
  const heap = new Int32Array(capacity);
  const heapScore = new Float64Array(capacity);
  let size = 0;

  /** Whether candidate (i, si) ranks before candidate (j, sj). */
  const ranksBefore = (i: number, si: number, j: number, sj: number): boolean => {
    if (si !== sj) return si > sj;
    const a = applicants[i];
    const b = applicants[j];
    if (a.priority !== b.priority) return a.priority > b.priority;
    if (a.waitingDays !== b.waitingDays) return a.waitingDays > b.waitingDays;
    return a.id < b.id;
  };
  const siftDown = (i: number, s: number): void => {
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const worse =
        right < size && ranksBefore(heap[left], heapScore[left], heap[right], heapScore[right]) ? right : left;
      if (!ranksBefore(i, s, heap[worse], heapScore[worse])) break;
      heap[at] = heap[worse];
      heapScore[at] = heapScore[worse];
      at = worse;
    }
    heap[at] = i;
    heapScore[at] = s;
  };
  const siftUp = (i: number, s: number): void => {
    let at = size - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!ranksBefore(heap[parent], heapScore[parent], i, s)) break;
      heap[at] = heap[parent];
      heapScore[at] = heapScore[parent];
      at = parent;
    }
    heap[at] = i;
    heapScore[at] = s;
  };

  // Once the heap is full, a household whose best possible score cannot reach the worst kept
  // one is skipped before its district lists are even read (they are what costs: cache misses).
  const w = policy.weights;
  const maxPreference = Math.max(0, w.preference);
  const maxFit = Math.max(0, w.fit);
  for (let i = 0; i < applicants.length; i++) {
    const applicant = applicants[i];
    if (size === capacity) {
      // Same evaluation order as score(), so rounding cannot put the bound below the score.
      const upper = baseScore(applicant, policy) + maxPreference + maxFit;
      if (upper < heapScore[0]) continue;
    }
    if (!isEligible(applicant, unit, policy)) continue;
    const s = score(applicant, unit, policy);
    if (size < capacity) {
      size++;
      siftUp(i, s);
    } else if (ranksBefore(i, s, heap[0], heapScore[0])) {
      siftDown(i, s);
    }
  }

  const kept = Array.from(heap.subarray(0, size), (index, slot) => ({ index, score: heapScore[slot] }));
  kept.sort((x, y) => (ranksBefore(x.index, x.score, y.index, y.score) ? -1 : 1));
  return kept.map(({ index, score: s }) => {
    const applicant = applicants[index];
    return {
      applicantId: applicant.id,
      score: s,
      breakdown: scoreBreakdown(applicant, unit, policy),
      reasons: eligibilityReasons(applicant, unit, policy),
    };
  });
}

/** Why an eligible pair is eligible, one sentence per rule that matters for this household. */
export function eligibilityReasons(applicant: Applicant, unit: Unit, policy: Pick<Policy, 'maxExtraBedrooms'>): string[] {
  const reasons = [`household of ${applicant.householdSize} fits a flat for up to ${unit.maxOccupants}`];
  const extra = unit.bedrooms - applicant.bedroomsNeeded;
  reasons.push(
    extra === 0
      ? `needs ${bedrooms(applicant.bedroomsNeeded)}, the flat has exactly that`
      : `needs ${bedrooms(applicant.bedroomsNeeded)}, the flat has ${unit.bedrooms} ` +
          `(${extra} extra, at most ${maxExtraBedroomsOf(policy)} allowed)`,
  );
  reasons.push(`rent ${unit.rent} within budget ${applicant.maxRent}`);
  if (applicant.wheelchair) reasons.push('needs wheelchair access, the flat is wheelchair accessible');
  if (applicant.stepFree) reasons.push('needs step-free access, the flat is step-free');
  if (applicant.pets) reasons.push('has pets, the flat allows pets');
  if (applicant.preferredDistricts.includes(unit.district)) {
    reasons.push(`district ${unit.district} is one of the household's preferred districts`);
  } else if (applicant.excludedDistricts.length > 0) {
    reasons.push(`district ${unit.district} is not one the household has ruled out`);
  }
  return reasons;
}
