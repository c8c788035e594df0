const BUCKETS = 128;

/** Work arrays shared by all lists (the engine is single-threaded and reprice is not reentrant). */
const scratch = {
  start: new Int32Array(BUCKETS + 1),
  smallest: new Float64Array(BUCKETS),
  units: new Int32Array(0),
  scores: new Float64Array(0),
  keys: new Float64Array(0),
  reserve(n: number): void {
    if (this.units.length >= n) return;
    const size = Math.max(n, 2 * this.units.length, 1024);
    this.units = new Int32Array(size);
    this.scores = new Float64Array(size);
    this.keys = new Float64Array(size);
  },
};

/**
 * The eligible units of one allocated applicant, ordered by key = price - score, where the price
 * is minus the unit potential when the list was last (re)priced. Unit potentials only decrease,
 * so a stored key is a lower bound of the current one: a scan can stop at the first key that
 * already makes the arc too long. Repricing tightens the bounds again.
 *
 * The order is a counting sort into buckets (O(n), no comparator sort): each entry stores the
 * smallest key of its bucket, which keeps keys non-decreasing and still lower bounds.
 */
export class PricedAdjacency {
  readonly units: Int32Array;
  readonly scores: Float64Array;
  readonly keys: Float64Array;

  constructor(units: Int32Array, scores: Float64Array, length: number, unitPotential: Float64Array) {
    this.units = units.slice(0, length);
    this.scores = scores.slice(0, length);
    this.keys = new Float64Array(length);
    this.reprice(unitPotential);
  }

  reprice(unitPotential: Float64Array): void {
    const { units, scores, keys } = this;
    const n = units.length;
    let low = Infinity;
    let high = -Infinity;
    for (let k = 0; k < n; k++) {
      const key = -unitPotential[units[k]] - scores[k];
      keys[k] = key;
      if (key < low) low = key;
      if (key > high) high = key;
    }
    if (n === 0) return;
    const scale = high > low ? BUCKETS / (high - low) : 0;
    const last = BUCKETS - 1;
    const start = scratch.start.fill(0);
    const smallest = scratch.smallest.fill(Infinity);
    for (let k = 0; k < n; k++) {
      const b = Math.min(last, ((keys[k] - low) * scale) | 0);
      start[b + 1]++;
      if (keys[k] < smallest[b]) smallest[b] = keys[k];
    }
    for (let b = 0; b < BUCKETS; b++) start[b + 1] += start[b];
    scratch.reserve(n);
    const oldUnits = scratch.units;
    const oldScores = scratch.scores;
    const oldKeys = scratch.keys;
    oldUnits.set(units);
    oldScores.set(scores);
    oldKeys.set(keys);
    for (let k = 0; k < n; k++) {
      const b = Math.min(last, ((oldKeys[k] - low) * scale) | 0);
      const at = start[b]++;
      units[at] = oldUnits[k];
      scores[at] = oldScores[k];
      keys[at] = smallest[b];
    }
  }
}
