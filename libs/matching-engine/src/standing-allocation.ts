import { compareStrings, compileInstance } from './compiled-instance';
import { InvalidInstanceError } from './instance';
import { allocateOptimally } from './optimal-allocation';
import { baseScore } from './score';
import { Applicant, Assignment, Certificate, ExcludedPair, Instance, Policy, Unit, districtCapOf, maxExtraBedroomsOf } from './types';

/** One change to the instance of a standing allocation. */
export type StandingChange =
  | { readonly kind: 'unitAdded'; readonly unit: Unit }
  | { readonly kind: 'unitRemoved'; readonly unitId: string }
  | { readonly kind: 'applicantAdded'; readonly applicant: Applicant }
  | { readonly kind: 'applicantRemoved'; readonly applicantId: string }
  | { readonly kind: 'pairExcluded'; readonly applicantId: string; readonly unitId: string };

/** What the last change cost. */
export interface ChangeStats {
  /** Shortest-path searches run (0 when the optimum provably did not move). */
  readonly searches: number;
  /** Nodes settled over those searches. */
  readonly settled: number;
}

/** The current optimum, as allocate(instance, 'optimal', { certificate: true }) would give it. */
export interface StandingResult {
  readonly assignments: readonly Assignment[];
  readonly totalScore: number;
  readonly certificate: Certificate;
}

// Applicant states.
const GONE = 0;
const WAITING = 1; // on the waitlist, no flat
const HOUSED = 2;
const DETACHED = 3; // taken off its flat, put back once the flow is repaired

// Node kinds, encoded as index * KINDS + kind.
const A = 0;
const U = 1;
const B = 2;
const D = 3;
const KINDS = 5;
const ROOT = 4;

const WHEELCHAIR = 1;
const STEP_FREE = 2;
const PETS = 4;

const UNKNOWN = -1;
const NONE = -2;

/**
 * The optimal allocation of one policy, kept up to date as flats and households come and go.
 *
 * It keeps the min-cost circulation of optimal-allocation.ts (root -> household -> flat -> building
 * -> district -> root) together with node potentials P under which every residual arc has a
 * non-negative reduced cost c(v, w) + P(v) - P(w): that is the optimality condition, and the
 * certificate is read off the potentials (y[a] = P(a) - P(root) for a housed household, y[u] =
 * P(b) - P(u) for an allocated flat, z[b] = P(d) - P(b) for a full building, w[d] = P(root) - P(d)
 * for a full district). Households without a flat sit at the root's potential, so they are never
 * stored or visited one by one.
 *
 * A change breaks at most one unit of flow or one arc; one or two Dijkstra searches on reduced
 * costs from the touched node repair it (docs/matching-rules.md#standing-allocations):
 * - a household joins: a search from it to the root (as when the optimum is built);
 * - a household leaves, or a flat it held leaves, or its offer is declined: its flat keeps its
 *   place in the building and district and a backward search from the flat finds who takes it
 *   over (or that it stays empty); a household taken off its flat this way joins again;
 * - a flat is added: it is priced at what the households would pay for it, and if that is below
 *   its building's price a backward search from it looks for the cheapest way to give it a slot;
 * - a pair nobody uses is excluded, a waiting household or a free flat leaves: nothing moves.
 * Backward searches read a flat's candidates from households grouped by bedrooms needed and
 * sorted by their best possible score, and stop reading once no candidate can beat the bound.
 */
export class StandingAllocation {
  readonly policy: Policy;
  private readonly cap: number;
  private readonly extra: number;
  private readonly prefW: number;
  private readonly fitW: number;
  private readonly margin: number;
  /**
   * Reduced costs below this count as 0. Rounding leaves arcs that are tight in exact arithmetic at
   * ±1e-14; taken at face value they turn the zero-cost plateaus (ties are common: scores are sums
   * of a few weighted values) into a gentle slope that a search must sweep entirely before it may
   * stop, instead of digging straight through. Far below the verifier's tolerance (1e-6, relative).
   */
  private eps = 0;

  // Applicants (slots are never reused).
  private readonly aRaw: Applicant[] = [];
  private readonly aIndex = new Map<string, number>();
  private readonly aState: number[] = [];
  private readonly aBase: number[] = [];
  private readonly aSize: number[] = [];
  private readonly aNeed: number[] = [];
  private readonly aMaxRent: number[] = [];
  private readonly aNeeds: number[] = [];
  private readonly aPreferred: number[][] = [];
  private readonly aExcluded: number[][] = [];
  private readonly aDeclined: (Set<number> | undefined)[] = [];
  private readonly aUnit: number[] = [];
  private readonly aScore: number[] = [];
  private readonly aP: number[] = [];
  /** Eligible flats and scores of housed households (dead flats are skipped when read). */
  private readonly aRowUnits: (number[] | undefined)[] = [];
  private readonly aRowScores: (number[] | undefined)[] = [];
  /**
   * Waiting and housed households by bedrooms needed, each list sorted by base score, highest
   * first (a flat's candidates are read from the front until none can matter).
   */
  private readonly waitingByNeed = new Map<number, number[]>();
  /**
   * Housed households eligible for each flat, with their scores: an entry counts while its household
   * is still housed since it was written (same epoch) and the pair is not excluded; others are
   * dropped as they are read.
   */
  private readonly colApplicants: number[][] = [];
  private readonly colScores: number[][] = [];
  private readonly colEpochs: number[][] = [];
  private readonly aEpoch: number[] = [];

  // Units.
  private readonly uRaw: Unit[] = [];
  private readonly uIndex = new Map<string, number>();
  private readonly uAlive: number[] = [];
  private readonly uBuilding: number[] = [];
  private readonly uDistrict: number[] = [];
  private readonly uBedrooms: number[] = [];
  private readonly uMaxOccupants: number[] = [];
  private readonly uRent: number[] = [];
  private readonly uFeatures: number[] = [];
  private readonly uApplicant: number[] = [];
  /** Flow on the arc unit -> building (1 while the flat holds a slot of its building). */
  private readonly uFlow: number[] = [];
  private readonly uP: number[] = [];
  /** Best waiting household of each flat (UNKNOWN: to compute; NONE: none) and its score. */
  private readonly wBest: number[] = [];
  private readonly wBestScore: number[] = [];
  /** Set once built: from then on a household starting to wait updates the flats' best waiting. */
  private ready = false;

  // Buildings and districts.
  private readonly bId: string[] = [];
  private readonly bIndex = new Map<string, number>();
  private readonly bDistrict: number[] = [];
  private readonly bUnits: number[][] = [];
  private readonly bLoad: number[] = [];
  private readonly bP: number[] = [];
  private readonly dId: string[] = [];
  private readonly dIndex = new Map<string, number>();
  private readonly dCap: number[] = [];
  private readonly dBuildings: number[][] = [];
  private readonly dLoad: number[] = [];
  private readonly dP: number[] = [];
  /** The root's potential; every waiting household's too. */
  private rootP = 0;

  // Search state, indexed by node code.
  private dist = new Float64Array(0);
  private seen = new Int32Array(0);
  private done = new Int32Array(0);
  private link = new Int32Array(0);
  private linkScore = new Float64Array(0);
  private stamp = 0;
  private bound = Infinity;
  private target = ROOT;
  private readonly heap = new LazyHeap();
  private readonly settledCodes: number[] = [];
  private searches = 0;
  private settledCount = 0;

  private constructor(policy: Policy) {
    this.policy = policy;
    this.cap = policy.maxPerBuilding ?? Infinity;
    this.extra = maxExtraBedroomsOf(policy);
    this.prefW = policy.weights.preference;
    this.fitW = policy.weights.fit;
    this.margin = 1e-9;
  }

  /** Solves the instance from scratch (the engine's optimum) and keeps it. */
  static solve(instance: Instance): StandingAllocation {
    const compiled = compileInstance(instance);
    const optimum = allocateOptimally(instance, compiled);
    const s = new StandingAllocation(instance.policy);
    s.eps = 1e-10 * compiled.scoreScale;
    compiled.districtIds.forEach((id) => s.districtOf(id));
    compiled.buildingIds.forEach((id, b) => s.buildingOf(id, compiled.districtIds[compiled.buildingDistrict[b]]));
    // Potentials from the duals (complementary slackness makes every residual arc's reduced cost >= 0).
    compiled.districtIds.forEach((id, d) => (s.dP[s.dIndex.get(id) as number] = -optimum.districtDual[d]));
    compiled.buildingIds.forEach((id, b) => {
      const own = s.bIndex.get(id) as number;
      s.bP[own] = s.dP[s.bDistrict[own]] - optimum.buildingDual[b];
    });
    instance.units.forEach((unit, u) => {
      const own = s.registerUnit(unit);
      s.uP[own] = s.bP[s.uBuilding[own]] - optimum.unitDual[u];
    });
    instance.applicants.forEach((applicant) => s.registerApplicant(applicant));
    for (const { applicantId, unitId } of instance.excludedPairs ?? []) {
      const a = s.aIndex.get(applicantId);
      const u = s.uIndex.get(unitId);
      if (a !== undefined && u !== undefined) s.declined(a).add(u);
    }
    const rowUnits = new Int32Array(compiled.unitCount);
    const rowScores = new Float64Array(compiled.unitCount);
    optimum.unitOf.forEach((u, a) => {
      if (u < 0) return;
      // Rows of the housed households now, with the engine's enumeration (searches read them).
      const n = compiled.eligibleUnits(a, rowUnits, rowScores);
      s.aRowUnits[a] = Array.from(rowUnits.subarray(0, n));
      s.aRowScores[a] = Array.from(rowScores.subarray(0, n));
      s.setState(a, HOUSED);
      s.aUnit[a] = u;
      s.aScore[a] = optimum.scoreOf[a];
      s.aP[a] = optimum.applicantDual[a];
      s.uApplicant[u] = a;
      s.uFlow[u] = 1;
      s.bLoad[s.uBuilding[u]]++;
      s.dLoad[s.uDistrict[u]]++;
    });
    // Waiting lists sorted once (one insertion at a time would cost a quadratic number of moves).
    s.aState.forEach((state, a) => {
      if (state !== WAITING) return;
      let list = s.waitingByNeed.get(s.aNeed[a]);
      if (list === undefined) s.waitingByNeed.set(s.aNeed[a], (list = []));
      list.push(a);
    });
    for (const list of s.waitingByNeed.values()) list.sort((x, y) => s.aBase[y] - s.aBase[x] || x - y);
    s.ready = true;
    // Every flat's best waiting household found now, while building: the first search that reached
    // most flats would otherwise pay for all these scans (over 100 ms at 100,000 x 5,000).
    for (let u = 0; u < s.uAlive.length; u++) s.bestWaiting(u);
    return s;
  }

  /** Applies one change and restores the optimum. */
  apply(change: StandingChange): ChangeStats {
    switch (change.kind) {
      case 'unitAdded':
        return this.addUnit(change.unit);
      case 'unitRemoved':
        return this.removeUnit(change.unitId);
      case 'applicantAdded':
        return this.addApplicant(change.applicant);
      case 'applicantRemoved':
        return this.removeApplicant(change.applicantId);
      case 'pairExcluded':
        return this.excludePair(change.applicantId, change.unitId);
    }
  }

  /** A household joins the waitlist. */
  addApplicant(applicant: Applicant): ChangeStats {
    if (this.aIndex.has(applicant.id)) throw new InvalidInstanceError(`duplicate applicant id ${JSON.stringify(applicant.id)}`);
    this.begin();
    const a = this.registerApplicant(applicant);
    this.insert(a);
    return this.end();
  }

  /** A household leaves the waitlist (housed elsewhere, withdrawn). */
  removeApplicant(applicantId: string): ChangeStats {
    const a = this.applicantIndex(applicantId);
    this.begin();
    const u = this.aUnit[a];
    this.unregisterApplicant(a);
    if (u >= 0) {
      this.uApplicant[u] = -1;
      this.refill(u);
    }
    return this.end();
  }

  /** A flat becomes available. */
  addUnit(unit: Unit): ChangeStats {
    if (this.uIndex.has(unit.id)) throw new InvalidInstanceError(`duplicate unit id ${JSON.stringify(unit.id)}`);
    const known = this.bIndex.get(unit.buildingId);
    if (known !== undefined && this.dId[this.bDistrict[known]] !== unit.district && this.bUnits[known].some((x) => this.uAlive[x] === 1)) {
      throw new InvalidInstanceError(
        `building ${JSON.stringify(unit.buildingId)} is in district ${JSON.stringify(this.dId[this.bDistrict[known]])}, ` +
          `unit ${JSON.stringify(unit.id)} in ${JSON.stringify(unit.district)}; a building's flats must share its district`,
      );
    }
    this.begin();
    if (known !== undefined && this.dId[this.bDistrict[known]] !== unit.district) this.moveEmptyBuilding(known, unit.district);
    const u = this.registerUnit(unit);
    const b = this.uBuilding[u];
    // Housed households' rows gain the flat.
    for (let a = 0; a < this.aState.length; a++) {
      const row = this.aRowUnits[a];
      if (row === undefined) continue;
      const s = this.scoreOf(a, u);
      if (s === s) {
        row.push(u);
        (this.aRowScores[a] as number[]).push(s);
        if (this.aState[a] === HOUSED) {
          this.colApplicants[u].push(a);
          this.colScores[u].push(s);
          this.colEpochs[u].push(this.aEpoch[a]);
        }
      }
    }
    // The highest potential the pair arcs into u allow (the lowest price every household accepts).
    const w = this.bestWaiting(u);
    const bestWaiting = w >= 0 ? this.wBestScore[u] : -Infinity;
    let highest = this.rootP - bestWaiting;
    const scores = new Map<number, number>();
    this.forEachHoused(u, (a, s) => {
      scores.set(a, s);
      highest = Math.min(highest, this.aP[a] - s);
    });
    const pb = this.bP[b];
    if (highest >= pb - this.eps) {
      this.uP[u] = pb;
    } else {
      // Arc u -> b is broken by (pb - highest): look for the cheapest way from b back to u, no
      // longer than a way known already (a shorter bound keeps the search small).
      this.uP[u] = highest;
      const limit = pb - highest;
      const known = this.knownWayBack(u, bestWaiting, scores);
      const bound = Math.min(limit, known + this.margin * Math.max(1, Math.abs(known)) + 1e-9);
      let saturated = this.backwardSearch(u, code(b, B), bound);
      // Not found within the known way (rounding only): the arc is still short; search on to its limit.
      if (!saturated && this.bP[b] - this.uP[u] > this.eps) saturated = this.backwardSearch(u, code(b, B), this.bP[b] - this.uP[u]);
      if (saturated) this.uFlow[u] = 1;
    }
    return this.end();
  }

  /**
   * Length of a way from u's building back to the new flat u (priced P(u)) found without a search:
   * through the district and the root when both have room, or by a household of the building
   * leaving its flat (for u itself, or for the root); in both cases the best waiting household
   * (score bestWaiting) or the household itself moves into u. Infinity when none applies.
   */
  private knownWayBack(u: number, bestWaiting: number, scores: ReadonlyMap<number, number>): number {
    const b = this.uBuilding[u];
    const d = this.uDistrict[u];
    const pu = this.uP[u];
    const R = this.rootP;
    const rootToU = bestWaiting > -Infinity ? Math.max(0, R - bestWaiting - pu) : Infinity;
    let best = Infinity;
    if (this.bLoad[b] < this.cap && this.dLoad[d] < this.dCap[d]) {
      best = Math.max(0, this.bP[b] - this.dP[d]) + Math.max(0, this.dP[d] - R) + rootToU;
    }
    for (const other of this.bUnits[b]) {
      const a = this.uApplicant[other];
      if (a < 0) continue;
      const toHolder = Math.max(0, this.bP[b] - this.uP[other]) + Math.max(0, this.aScore[a] + this.uP[other] - this.aP[a]);
      const s = scores.get(a);
      const onward = Math.min(s === undefined ? Infinity : Math.max(0, this.aP[a] - s - pu), Math.max(0, this.aP[a] - R) + rootToU);
      best = Math.min(best, toHolder + onward);
    }
    return best;
  }

  /** A flat leaves (let outside the agency, withdrawn). */
  removeUnit(unitId: string): ChangeStats {
    const u = this.unitIndex(unitId);
    this.begin();
    this.uAlive[u] = 0;
    this.uIndex.delete(unitId);
    const a = this.uApplicant[u];
    if (a >= 0) {
      this.detach(a);
      this.refill(u); // with no pair arcs left into u: its slot goes to another flat, or is freed
      this.insert(a);
    }
    return this.end();
  }

  /** An offer declined: the pair becomes ineligible. */
  excludePair(applicantId: string, unitId: string): ChangeStats {
    const a = this.applicantIndex(applicantId);
    const u = this.unitIndex(unitId);
    this.begin();
    this.declined(a).add(u);
    this.dropFromColumn(a, u);
    const row = this.aRowUnits[a];
    if (row !== undefined) {
      const k = row.indexOf(u);
      if (k >= 0) {
        row.splice(k, 1);
        (this.aRowScores[a] as number[]).splice(k, 1);
      }
    }
    if (this.aUnit[a] === u) {
      this.detach(a);
      this.refill(u);
      this.insert(a);
    }
    return this.end();
  }

  /** The current instance (households and flats in the order they joined). */
  instance(): Instance {
    const applicants = this.aRaw.filter((_, a) => this.aState[a] !== GONE);
    const units = this.uRaw.filter((_, u) => this.uAlive[u] === 1);
    const excludedPairs: ExcludedPair[] = [];
    this.aDeclined.forEach((set, a) => {
      if (set === undefined || this.aState[a] === GONE) return;
      for (const u of set) if (this.uAlive[u] === 1) excludedPairs.push({ applicantId: this.aRaw[a].id, unitId: this.uRaw[u].id });
    });
    return { policy: this.policy, applicants, units, ...(excludedPairs.length > 0 ? { excludedPairs } : {}) };
  }

  /** The household holding flat unitId, if any (O(1)). */
  holderOf(unitId: string): string | undefined {
    const u = this.uIndex.get(unitId);
    const a = u === undefined ? -1 : this.uApplicant[u];
    return a >= 0 ? this.aRaw[a].id : undefined;
  }

  get totalScore(): number {
    let total = 0;
    for (const a of this.sortedHoused()) total += this.aScore[a];
    return total;
  }

  /** The allocation and its certificate (verifyCertificate(instance(), result()) accepts it). */
  result(): StandingResult {
    const assignments: Assignment[] = [];
    const applicants: Record<string, number> = Object.create(null);
    const units: Record<string, number> = Object.create(null);
    const buildings: Record<string, number> = Object.create(null);
    const districts: Record<string, number> = Object.create(null);
    let totalScore = 0;
    for (const a of this.sortedHoused()) {
      assignments.push({ applicantId: this.aRaw[a].id, unitId: this.uRaw[this.aUnit[a]].id, score: this.aScore[a] });
      totalScore += this.aScore[a];
    }
    this.aState.forEach((state, a) => {
      if (state !== GONE) applicants[this.aRaw[a].id] = state === HOUSED ? Math.max(0, this.aP[a] - this.rootP) : 0;
    });
    this.uAlive.forEach((alive, u) => {
      if (alive === 0) return;
      const b = this.uBuilding[u];
      const d = this.uDistrict[u];
      units[this.uRaw[u].id] = this.uApplicant[u] >= 0 ? Math.max(0, this.bP[b] - this.uP[u]) : 0;
      buildings[this.bId[b]] = this.bLoad[b] >= this.cap ? Math.max(0, this.dP[d] - this.bP[b]) : 0;
      districts[this.dId[d]] = this.dLoad[d] >= this.dCap[d] ? Math.max(0, this.rootP - this.dP[d]) : 0;
    });
    return { assignments, totalScore, certificate: { applicants, units, buildings, districts } };
  }

  // ---- repairs -------------------------------------------------------------------------------

  /** Takes a housed household off its flat (the flat keeps its slot, without a household). */
  private detach(a: number): void {
    const u = this.aUnit[a];
    this.uApplicant[u] = -1;
    this.aUnit[a] = -1;
    this.setState(a, DETACHED);
  }

  /**
   * Flat u holds a building slot but no household (its household left or was taken off): find the
   * cheapest way from the root to u, i.e. who moves in, or that the flat stays empty.
   */
  private refill(u: number): void {
    const b = this.uBuilding[u];
    const d = this.uDistrict[u];
    // The flat left empty (root -> district -> building -> flat, undoing its slot) is one way:
    // searching further than that is pointless.
    const chain = Math.max(0, this.bP[b] - this.uP[u]) + Math.max(0, this.dP[d] - this.bP[b]) + Math.max(0, this.rootP - this.dP[d]);
    this.backwardSearch(u, ROOT, chain + this.margin * Math.max(1, Math.abs(chain)) + 1e-9);
  }

  /** Household a (waiting, or detached) joins: a search from it to the root. */
  private insert(a: number): void {
    const { units, scores } = this.row(a);
    let best = -Infinity;
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (this.uAlive[u] === 1) best = Math.max(best, scores[k] + this.uP[u]);
    }
    this.aUnit[a] = -1;
    if (!(best > this.rootP)) {
      this.setWaiting(a);
      return;
    }
    // P(a) = best makes every arc out of a non-negative; the arc root -> a is then short by gain.
    const gain = best - this.rootP;
    this.startSearch(ROOT, gain);
    const source = code(a, A);
    this.setState(a, DETACHED);
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (this.uAlive[u] === 1) this.relax(code(u, U), this.reduced(best - scores[k] - this.uP[u]), source, scores[k]);
    }
    this.search(true);
    const reached = this.seen[ROOT] === this.stamp;
    for (const c of this.settledCodes) this.shift(c, -(this.bound - this.dist[c]));
    this.aP[a] = best - this.bound;
    if (reached) {
      const touched = this.augmentForward(source);
      this.setState(a, HOUSED); // keeps P(a) = best - bound (the arc root -> a was not tight)
      this.settle(touched);
    } else {
      this.setWaiting(a);
    }
  }

  /** Dijkstra from what is on the heap, up to the bound, along arcs forward or backward. */
  private search(forward: boolean): void {
    const { heap } = this;
    while (heap.size > 0) {
      const key = heap.minKey();
      if (key >= this.bound) break;
      const c = heap.pop();
      if (this.done[c] === this.stamp || key > this.dist[c]) continue;
      this.done[c] = this.stamp;
      this.settledCodes.push(c);
      if (forward) this.expandForward(c, key);
      else this.expandBackward(c, key);
    }
    heap.clear();
    this.settledCount += this.settledCodes.length;
  }

  private expandForward(c: number, d: number): void {
    const i = (c / KINDS) | 0;
    switch (c - i * KINDS) {
      case A: {
        const pa = this.aP[i];
        this.relax(ROOT, d + this.reduced(pa - this.rootP), c, 0);
        const { units, scores } = this.row(i);
        const own = this.aUnit[i];
        const { uAlive, uP, uApplicant, aScore, aP, eps } = this;
        for (let k = 0; k < units.length; k++) {
          const u = units[k];
          if (u === own || uAlive[u] === 0) continue;
          const gap = pa - scores[k] - uP[u];
          const nd = gap > eps ? d + gap : d;
          if (nd >= this.bound) continue;
          const uc = code(u, U);
          if (!this.relax(uc, nd, c, scores[k])) continue;
          // Look one step ahead: the flat's holder, and the root if that holder may leave at no
          // cost. On the zero-cost plateaus this finds the way out among all the flats relaxed
          // here, not only along the one popped next (labels stay real path lengths; every node
          // labelled below the bound is still settled before the search stops).
          const x = uApplicant[u];
          if (x < 0) continue;
          const hop = aScore[x] + uP[u] - aP[x];
          const dx = hop > eps ? nd + hop : nd;
          const leave = aP[x] - this.rootP;
          if (dx + (leave > eps ? leave : 0) < this.bound && this.relax(code(x, A), dx, uc, 0)) {
            this.relax(ROOT, leave > eps ? dx + leave : dx, code(x, A), 0);
          }
        }
        return;
      }
      case U: {
        const x = this.uApplicant[i];
        if (x >= 0) this.relax(code(x, A), d + this.reduced(this.aScore[x] + this.uP[i] - this.aP[x]), c, 0);
        else if (this.uFlow[i] === 0) this.relax(code(this.uBuilding[i], B), d + this.reduced(this.uP[i] - this.bP[this.uBuilding[i]]), c, 0);
        return;
      }
      case B: {
        const pb = this.bP[i];
        if (this.bLoad[i] < this.cap) {
          const dd = this.bDistrict[i];
          this.relax(code(dd, D), d + this.reduced(pb - this.dP[dd]), c, 0);
        }
        for (const u of this.bUnits[i]) {
          if (this.uFlow[u] === 1) this.relax(code(u, U), d + this.reduced(pb - this.uP[u]), c, 0);
        }
        return;
      }
      case D: {
        const pd = this.dP[i];
        if (this.dLoad[i] < this.dCap[i]) this.relax(ROOT, d + this.reduced(pd - this.rootP), c, 0);
        for (const b of this.dBuildings[i]) {
          if (this.bLoad[b] > 0) this.relax(code(b, B), d + this.reduced(pd - this.bP[b]), c, 0);
        }
        return;
      }
    }
  }

  /** Applies the cycle root -> source -> ... -> root, walking the search's links back from the root. */
  private augmentForward(source: number): number[] {
    const touched: number[] = [];
    let to = ROOT;
    for (;;) {
      const from = this.link[to];
      this.push(from, to, this.linkScore[to], touched);
      if (from === source) return touched;
      to = from;
    }
  }

  /**
   * Backward Dijkstra from node t: distances are those of the shortest paths from each node to t.
   * Stops at `target` or at `limit`; if the target is closer than the limit, pushes one unit of flow
   * along the path target -> ... -> t. Potentials of the nodes settled rise by (bound - distance),
   * which keeps every reduced cost non-negative. Returns whether it augmented.
   */
  private backwardSearch(t: number, target: number, limit: number): boolean {
    this.startSearch(target, limit);
    const tc = code(t, U);
    this.seen[tc] = this.stamp;
    this.dist[tc] = 0;
    this.heap.push(tc, 0);
    this.search(false);
    const reached = this.seen[target] === this.stamp && this.dist[target] < limit;
    for (const c of this.settledCodes) this.shift(c, this.bound - this.dist[c]);
    if (!reached) return false;
    const touched: number[] = [];
    let from = target;
    while (from !== tc) {
      const to = this.link[from];
      this.push(from, to, this.linkScore[from], touched);
      from = to;
    }
    this.settle(touched);
    return true;
  }

  private expandBackward(c: number, d: number): void {
    const i = (c / KINDS) | 0;
    const kind = c - i * KINDS;
    if (c === ROOT) {
      // Arcs into the root: a housed household leaving, a district with room.
      for (let u = 0; u < this.uApplicant.length; u++) {
        const x = this.uApplicant[u];
        if (x >= 0) this.relax(code(x, A), d + this.reduced(this.aP[x] - this.rootP), c, 0);
      }
      for (let dd = 0; dd < this.dP.length; dd++) {
        if (this.dLoad[dd] < this.dCap[dd]) this.relax(code(dd, D), d + this.reduced(this.dP[dd] - this.rootP), c, 0);
      }
      return;
    }
    switch (kind) {
      case U: {
        const pu = this.uP[i];
        if (this.uAlive[i] === 1) {
          const holder = this.uApplicant[i];
          // A candidate is at d + P(a) - s - P(u) >= d + P(root) - s - P(u); a waiting one only
          // matters if it brings the root closer.
          // Housed candidates (forEachHoused, inlined: this loop is the searches' hottest).
          const applicants = this.colApplicants[i];
          const scores = this.colScores[i];
          const epochs = this.colEpochs[i];
          // An entry counts while its household's epoch is the one written (declined pairs are taken
          // out when declined): one read per entry, and the column is only rewritten past a stale one.
          const { aEpoch, aP, eps } = this;
          const n = applicants.length;
          let kept = 0;
          for (let k = 0; k < n; k++) {
            const a = applicants[k];
            const epoch = epochs[k];
            if (aEpoch[a] !== epoch) continue;
            const s = scores[k];
            if (kept !== k) {
              applicants[kept] = a;
              scores[kept] = s;
              epochs[kept] = epoch;
            }
            kept++;
            if (a === holder) continue;
            const gap = aP[a] - s - pu;
            const nd = gap > eps ? d + gap : d;
            if (nd < this.bound && this.relax(code(a, A), nd, c, s) && this.target !== ROOT) this.lookBackward(a, nd);
          }
          if (kept !== n) {
            applicants.length = kept;
            scores.length = kept;
            epochs.length = kept;
          }
          // Of the waiting households only the best for u matters: the root -> a arc costs nothing;
          // one scoring no more than `floor` could not bring the root under the bound.
          const w = this.bestWaiting(i, this.rootP - pu - (this.bound - d));
          if (w >= 0) {
            const s = this.wBestScore[i];
            const nd = d + this.reduced(this.rootP - s - pu);
            if (nd < this.bound && this.relax(ROOT, nd, code(w, A), 0)) {
              const ac = code(w, A);
              this.link[ac] = c;
              this.linkScore[ac] = s;
            }
          }
        }
        if (this.uFlow[i] === 1) {
          const b = this.uBuilding[i];
          this.relax(code(b, B), d + this.reduced(this.bP[b] - pu), c, 0);
        }
        return;
      }
      case A: {
        const u = this.aUnit[i];
        this.relax(code(u, U), d + this.reduced(this.aScore[i] + this.uP[u] - this.aP[i]), c, 0);
        return;
      }
      case B: {
        const pb = this.bP[i];
        for (const u of this.bUnits[i]) {
          if (this.uFlow[u] === 0 && this.uAlive[u] === 1) this.relax(code(u, U), d + this.reduced(this.uP[u] - pb), c, 0);
        }
        if (this.bLoad[i] > 0) {
          const dd = this.bDistrict[i];
          this.relax(code(dd, D), d + this.reduced(this.dP[dd] - pb), c, 0);
        }
        return;
      }
      case D: {
        const pd = this.dP[i];
        for (const b of this.dBuildings[i]) {
          if (this.bLoad[b] < this.cap) this.relax(code(b, B), d + this.reduced(this.bP[b] - pd), c, 0);
        }
        if (this.dLoad[i] > 0) this.relax(ROOT, d + this.reduced(this.rootP - pd), c, 0);
        return;
      }
    }
  }

  /** Takes the pair (a, u) out of u's column (an offer declined). */
  private dropFromColumn(a: number, u: number): void {
    const applicants = this.colApplicants[u];
    for (let k = applicants.length - 1; k >= 0; k--) {
      if (applicants[k] !== a) continue;
      applicants.splice(k, 1);
      this.colScores[u].splice(k, 1);
      this.colEpochs[u].splice(k, 1);
    }
  }

  /**
   * Backward search towards a building (a flat added): household a was just labelled nd (it could
   * move into a settled flat). If its own flat v is in that building, v giving up its slot reaches
   * the target: label it now. On the zero-cost plateaus this finds the way out among all the
   * households labelled by one flat, not only along the one popped next. (Towards the root, looking
   * ahead through buildings and districts made searches larger: not done.)
   */
  private lookBackward(a: number, nd: number): void {
    const v = this.aUnit[a];
    if (v < 0 || this.uFlow[v] !== 1) return;
    const b = this.uBuilding[v];
    const bc = code(b, B);
    if (this.target !== bc) return;
    const { eps } = this;
    const pv = this.uP[v];
    const hop = this.aScore[a] + pv - this.aP[a];
    const dv = hop > eps ? nd + hop : nd;
    const pb = this.bP[b];
    const db = pb - pv > eps ? dv + pb - pv : dv;
    if (db >= this.bound) return;
    const vc = code(v, U);
    if (this.relax(vc, dv, code(a, A), 0)) this.relax(bc, db, vc, 0);
  }

  /** Calls visit(a, score) for every housed household eligible for flat u, dropping stale entries. */
  private forEachHoused(u: number, visit: (a: number, s: number) => void): void {
    const applicants = this.colApplicants[u];
    const scores = this.colScores[u];
    const epochs = this.colEpochs[u];
    let kept = 0;
    for (let k = 0; k < applicants.length; k++) {
      const a = applicants[k];
      if (this.aEpoch[a] !== epochs[k]) continue;
      applicants[kept] = a;
      scores[kept] = scores[k];
      epochs[kept] = epochs[k];
      kept++;
      visit(a, scores[k]);
    }
    applicants.length = kept;
    scores.length = kept;
    epochs.length = kept;
  }

  /**
   * The waiting household with the best score for flat u, cached per flat: kept up to date when a
   * household starts waiting, recomputed when the cached one stopped waiting. When the caller only
   * needs a household scoring above `floor`, the scan stops there; -1 then means none scores above
   * it, and the cache remembers that bound (NONE with wBestScore = the bound no waiting household
   * exceeds; -Infinity: nobody waiting is eligible). A household returned may still score <= floor.
   */
  private bestWaiting(u: number, floor = -Infinity): number {
    const cached = this.wBest[u];
    if (cached === NONE) {
      if (this.wBestScore[u] <= floor) return -1;
    } else if (cached >= 0 && this.aState[cached] === WAITING && this.scoreOf(cached, u) === this.wBestScore[u]) {
      return cached;
    }
    // Rounding in the caller's comparison must not hide a household just above the floor.
    const stop = floor - 1e-9 * Math.max(1, Math.abs(floor));
    const bedrooms = this.uBedrooms[u];
    const bonus = Math.max(0, this.prefW);
    let best = -1;
    let bestScore = -Infinity;
    for (let need = Math.max(0, bedrooms - this.extra); need <= bedrooms; need++) {
      const list = this.waitingByNeed.get(need);
      if (list === undefined) continue;
      const top = bonus + (need === bedrooms ? this.fitW : 0);
      for (let k = 0; k < list.length; k++) {
        const a = list[k];
        // Lists are sorted by base score: nobody further on scores above base + top.
        const reach = this.aBase[a] + top;
        if (reach <= bestScore || reach <= stop) break;
        const s = this.scoreOf(a, u);
        if (s > bestScore) {
          best = a;
          bestScore = s;
        }
      }
    }
    if (best >= 0 && bestScore > stop) {
      this.wBest[u] = best;
      this.wBestScore[u] = bestScore;
      return best;
    }
    // Nobody waiting scores above max(bestScore, stop): the scan read everyone who could.
    this.wBest[u] = NONE;
    this.wBestScore[u] = Math.max(bestScore, stop);
    return -1;
  }

  /** A household starts waiting: it becomes the best waiting one of the flats it scores best at. */
  private offerToFlats(a: number): void {
    const { units, scores } = this.row(a);
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      const cached = this.wBest[u];
      if (cached === UNKNOWN || this.uAlive[u] === 0) continue;
      // Above the cached best, or above the bound no waiting household exceeded (NONE).
      if (scores[k] > this.wBestScore[u]) {
        this.wBest[u] = a;
        this.wBestScore[u] = scores[k];
      }
    }
  }

  // ---- search plumbing -----------------------------------------------------------------------

  private begin(): void {
    this.searches = 0;
    this.settledCount = 0;
  }

  private end(): ChangeStats {
    return { searches: this.searches, settled: this.settledCount };
  }

  private startSearch(target: number, bound: number): void {
    this.searches++;
    this.stamp++;
    this.target = target;
    this.bound = bound;
    this.settledCodes.length = 0;
    const size = KINDS * (Math.max(this.aState.length, this.uAlive.length, this.bId.length, this.dId.length) + 1);
    if (this.dist.length < size) {
      const grow = Math.max(size, 2 * this.dist.length);
      const seen = new Int32Array(grow);
      seen.set(this.seen);
      const done = new Int32Array(grow);
      done.set(this.done);
      this.dist = new Float64Array(grow);
      this.seen = seen;
      this.done = done;
      this.link = new Int32Array(grow);
      this.linkScore = new Float64Array(grow);
    }
  }

  /** Labels node c at distance d through `from` (and the pair's score); the target only tightens the bound. */
  private relax(c: number, d: number, from: number, score: number): boolean {
    if (d >= this.bound || this.done[c] === this.stamp) return false;
    if (this.seen[c] === this.stamp && this.dist[c] <= d) return false;
    this.seen[c] = this.stamp;
    this.dist[c] = d;
    this.link[c] = from;
    this.linkScore[c] = score;
    if (c === this.target) this.bound = d;
    else this.heap.push(c, d);
    return true;
  }

  /** An arc's reduced cost as searches use it: rounding noise below eps is 0. */
  private reduced(x: number): number {
    return x > this.eps ? x : 0;
  }

  private shift(c: number, delta: number): void {
    if (c === ROOT) {
      this.rootP += delta;
      return;
    }
    const i = (c / KINDS) | 0;
    switch (c - i * KINDS) {
      case A:
        this.aP[i] += delta;
        return;
      case U:
        this.uP[i] += delta;
        return;
      case B:
        this.bP[i] += delta;
        return;
      case D:
        this.dP[i] += delta;
        return;
    }
  }

  /** Pushes one unit of flow on the residual arc from -> to. */
  private push(from: number, to: number, score: number, touched: number[]): void {
    const fi = (from / KINDS) | 0;
    const ti = (to / KINDS) | 0;
    const fk = from === ROOT ? ROOT : from - fi * KINDS;
    const tk = to === ROOT ? ROOT : to - ti * KINDS;
    if (fk === A && tk === U) {
      this.aUnit[fi] = ti;
      this.uApplicant[ti] = fi;
      this.aScore[fi] = score;
      touched.push(fi);
    } else if (fk === U && tk === A) {
      if (this.uApplicant[fi] === ti) this.uApplicant[fi] = -1;
      if (this.aUnit[ti] === fi) this.aUnit[ti] = -1;
      touched.push(ti);
    } else if (fk === A) {
      touched.push(fi); // a household leaves (to the root)
    } else if (tk === A) {
      touched.push(ti); // a waiting household enters (from the root)
    } else if (fk === U) {
      this.uFlow[fi] = 1;
    } else if (tk === U) {
      this.uFlow[ti] = 0;
    } else if (fk === B) {
      this.bLoad[fi]++;
    } else if (tk === B) {
      this.bLoad[ti]--;
    } else if (fk === D) {
      this.dLoad[fi]++;
    } else {
      this.dLoad[ti]--;
    }
  }

  /** After an augmentation: households with a flat are housed, the others wait at the root's potential. */
  private settle(touched: number[]): void {
    for (const a of touched) {
      if (this.aState[a] === GONE) continue;
      if (this.aUnit[a] >= 0) {
        if (this.aState[a] !== HOUSED) {
          this.aP[a] = this.rootP; // the arc root -> a was tight on the path
          this.setState(a, HOUSED);
        }
      } else {
        this.setWaiting(a);
      }
    }
  }

  private setWaiting(a: number): void {
    this.setState(a, WAITING);
    this.aP[a] = this.rootP;
    this.aRowUnits[a] = undefined;
    this.aRowScores[a] = undefined;
  }

  // ---- instance bookkeeping ------------------------------------------------------------------

  private row(a: number): { units: number[]; scores: number[] } {
    let units = this.aRowUnits[a];
    let scores = this.aRowScores[a];
    if (units === undefined || scores === undefined) {
      units = [];
      scores = [];
      for (let u = 0; u < this.uAlive.length; u++) {
        const s = this.scoreOf(a, u);
        if (s === s) {
          units.push(u);
          scores.push(s);
        }
      }
      this.aRowUnits[a] = units;
      this.aRowScores[a] = scores;
    }
    return { units, scores };
  }

  /** score(a, u) as score.ts computes it, or NaN when the pair is not eligible (eligibility.ts) or excluded. */
  private scoreOf(a: number, u: number): number {
    if (this.uAlive[u] === 0) return NaN;
    const need = this.aNeed[a];
    const bedrooms = this.uBedrooms[u];
    if (
      this.aSize[a] > this.uMaxOccupants[u] ||
      bedrooms < need ||
      bedrooms > need + this.extra ||
      this.uRent[u] > this.aMaxRent[a] ||
      (this.uFeatures[u] & this.aNeeds[a]) !== this.aNeeds[a]
    ) {
      return NaN;
    }
    const d = this.uDistrict[u];
    const excluded = this.aExcluded[a];
    for (let k = 0; k < excluded.length; k++) if (excluded[k] === d) return NaN;
    const declined = this.aDeclined[a];
    if (declined !== undefined && declined.has(u)) return NaN;
    const preferred = this.aPreferred[a];
    let isPreferred = false;
    for (let k = 0; k < preferred.length; k++) if (preferred[k] === d) isPreferred = true;
    return this.aBase[a] + (isPreferred ? this.prefW : 0) + (bedrooms === need ? this.fitW : 0);
  }

  private registerApplicant(applicant: Applicant): number {
    const a = this.aRaw.length;
    this.aRaw.push(applicant);
    this.aIndex.set(applicant.id, a);
    this.aState.push(GONE);
    const base = baseScore(applicant, this.policy);
    this.aBase.push(base);
    this.aSize.push(applicant.householdSize);
    this.aNeed.push(applicant.bedroomsNeeded);
    this.aMaxRent.push(applicant.maxRent);
    this.aNeeds.push((applicant.wheelchair ? WHEELCHAIR : 0) | (applicant.stepFree ? STEP_FREE : 0) | (applicant.pets ? PETS : 0));
    this.aPreferred.push(applicant.preferredDistricts.map((d) => this.districtOf(d)));
    this.aExcluded.push(applicant.excludedDistricts.map((d) => this.districtOf(d)));
    this.aDeclined.push(undefined);
    this.aUnit.push(-1);
    this.aScore.push(0);
    this.aP.push(this.rootP);
    this.aRowUnits.push(undefined);
    this.aRowScores.push(undefined);
    this.aEpoch.push(0);
    this.setState(a, WAITING);
    return a;
  }

  private unregisterApplicant(a: number): void {
    this.setState(a, GONE);
    this.aUnit[a] = -1;
    this.aIndex.delete(this.aRaw[a].id);
    this.aRowUnits[a] = undefined;
    this.aRowScores[a] = undefined;
  }

  /** Moves a household between states, keeping the candidate lists in step. */
  private setState(a: number, state: number): void {
    const before = this.aState[a];
    if (before === state) return;
    this.aState[a] = state;
    if (before === HOUSED) this.aEpoch[a]++; // its column entries go stale
    const need = this.aNeed[a];
    if (before === WAITING && this.ready) {
      const list = this.waitingByNeed.get(need) as number[];
      let k = this.firstBelow(list, this.aBase[a]) - 1;
      while (list[k] !== a) k--;
      list.splice(k, 1);
    }
    if (state === WAITING && this.ready) this.offerToFlats(a);
    if (state === HOUSED) {
      const epoch = ++this.aEpoch[a];
      const { units, scores } = this.row(a);
      for (let k = 0; k < units.length; k++) {
        const u = units[k];
        this.colApplicants[u].push(a);
        this.colScores[u].push(scores[k]);
        this.colEpochs[u].push(epoch);
      }
    }
    if (state === WAITING && this.ready) {
      const lists = this.waitingByNeed;
      let list = lists.get(need);
      if (list === undefined) lists.set(need, (list = []));
      list.splice(this.firstBelow(list, this.aBase[a]), 0, a);
    }
  }

  /** Position of the first household whose base score is below `base` (lists are sorted highest first). */
  private firstBelow(list: readonly number[], base: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.aBase[list[mid]] >= base) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private registerUnit(unit: Unit): number {
    const u = this.uRaw.length;
    const b = this.buildingOf(unit.buildingId, unit.district);
    this.uRaw.push(unit);
    this.uIndex.set(unit.id, u);
    this.uAlive.push(1);
    this.uBuilding.push(b);
    this.uDistrict.push(this.bDistrict[b]);
    this.uBedrooms.push(unit.bedrooms);
    this.uMaxOccupants.push(unit.maxOccupants);
    this.uRent.push(unit.rent);
    this.uFeatures.push(
      (unit.wheelchairAccessible ? WHEELCHAIR : 0) | (unit.stepFree ? STEP_FREE : 0) | (unit.petsAllowed ? PETS : 0),
    );
    this.uApplicant.push(-1);
    this.uFlow.push(0);
    this.uP.push(this.bP[b]);
    this.wBest.push(UNKNOWN);
    this.wBestScore.push(-Infinity);
    this.colApplicants.push([]);
    this.colScores.push([]);
    this.colEpochs.push([]);
    this.bUnits[b].push(u);
    return u;
  }

  private buildingOf(id: string, district: string): number {
    let b = this.bIndex.get(id);
    if (b === undefined) {
      const d = this.districtOf(district);
      b = this.bId.length;
      this.bIndex.set(id, b);
      this.bId.push(id);
      this.bDistrict.push(d);
      this.bUnits.push([]);
      this.bLoad.push(0);
      this.bP.push(this.dP[d]); // b -> d costs nothing
      this.dBuildings[d].push(b);
    }
    return b;
  }

  /** A building none of whose flats is left may reappear in another district (the instance no longer names it). */
  private moveEmptyBuilding(b: number, district: string): void {
    const from = this.dBuildings[this.bDistrict[b]];
    from.splice(from.indexOf(b), 1);
    const d = this.districtOf(district);
    this.bDistrict[b] = d;
    this.dBuildings[d].push(b);
    this.bUnits[b] = [];
    this.bP[b] = this.dP[d]; // no load: b -> d is open and costs nothing
  }

  private districtOf(id: string): number {
    let d = this.dIndex.get(id);
    if (d === undefined) {
      d = this.dId.length;
      this.dIndex.set(id, d);
      this.dId.push(id);
      this.dCap.push(districtCapOf(this.policy, id) ?? Infinity);
      this.dBuildings.push([]);
      this.dLoad.push(0);
      this.dP.push(this.rootP); // d -> root costs nothing
    }
    return d;
  }

  private declined(a: number): Set<number> {
    let set = this.aDeclined[a];
    if (set === undefined) this.aDeclined[a] = set = new Set();
    return set;
  }

  private applicantIndex(id: string): number {
    const a = this.aIndex.get(id);
    if (a === undefined) throw new InvalidInstanceError(`unknown applicant id ${JSON.stringify(id)}`);
    return a;
  }

  private unitIndex(id: string): number {
    const u = this.uIndex.get(id);
    if (u === undefined) throw new InvalidInstanceError(`unknown unit id ${JSON.stringify(id)}`);
    return u;
  }

  private sortedHoused(): number[] {
    const housed: number[] = [];
    this.aState.forEach((state, a) => {
      if (state === HOUSED) housed.push(a);
    });
    return housed.sort((x, y) => compareStrings(this.aRaw[x].id, this.aRaw[y].id));
  }
}

function code(index: number, kind: number): number {
  return index * KINDS + kind;
}

/**
 * Binary min-heap of (key, node) with lazy deletion (a node may sit in it several times; stale
 * entries are skipped by the caller). Among equal keys the latest pushed pops first, which digs
 * towards a free slot on the zero-cost plateaus instead of sweeping them.
 */
class LazyHeap {
  private keys = new Float64Array(1024);
  private codes = new Int32Array(1024);
  private order = new Float64Array(1024);
  private clock = 0;
  size = 0;

  minKey(): number {
    return this.keys[0];
  }

  push(c: number, key: number): void {
    if (this.size === this.keys.length) {
      const grow = (from: Float64Array | Int32Array) => {
        const next = new (from.constructor as Float64ArrayConstructor)(2 * from.length);
        next.set(from);
        return next;
      };
      this.keys = grow(this.keys);
      this.codes = grow(this.codes) as unknown as Int32Array;
      this.order = grow(this.order);
    }
    const seq = ++this.clock;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = this.keys[parent];
      if (pk < key || (pk === key && this.order[parent] > seq)) break;
      this.keys[i] = pk;
      this.codes[i] = this.codes[parent];
      this.order[i] = this.order[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.codes[i] = c;
    this.order[i] = seq;
  }

  pop(): number {
    const top = this.codes[0];
    const n = --this.size;
    if (n > 0) {
      const key = this.keys[n];
      const c = this.codes[n];
      const seq = this.order[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && (this.keys[right] < this.keys[child] || (this.keys[right] === this.keys[child] && this.order[right] > this.order[child]))) {
          child = right;
        }
        if (this.keys[child] > key || (this.keys[child] === key && this.order[child] < seq)) break;
        this.keys[i] = this.keys[child];
        this.codes[i] = this.codes[child];
        this.order[i] = this.order[child];
        i = child;
      }
      this.keys[i] = key;
      this.codes[i] = c;
      this.order[i] = seq;
    }
    return top;
  }

  clear(): void {
    this.size = 0;
  }
}
