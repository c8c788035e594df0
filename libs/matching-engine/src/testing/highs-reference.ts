import highs from 'highs';
import { CompiledInstance } from '../compiled-instance';
import { Instance } from '../types';

export interface HighsOutcome {
  readonly status: string;
  readonly objective: number;
  readonly columns: number;
  readonly buildMs: number;
  readonly solveMs: number;
}

const STATUS_NAMES: Record<number, string> = { 7: 'Optimal', 8: 'Infeasible', 13: 'Time limit', 14: 'Iteration limit' };

/**
 * The same LP the engine solves: one column per eligible pair (0 <= x <= 1, objective = score),
 * one row per applicant, per unit (<= 1), per capped building (<= maxPerBuilding) and per capped
 * district (<= its cap), passed to
 * HiGHS as a sparse column-wise matrix (equivalent to the CPLEX LP text, far cheaper to build).
 * The matrix is totally unimodular, so the LP optimum is the integral optimum.
 */
export async function solveWithHighs(instance: Instance, compiled: CompiledInstance, timeLimitSeconds: number): Promise<HighsOutcome> {
  const started = performance.now();
  const { applicantCount: nA, unitCount: nU, buildingCount: nB, unitBuilding, buildingDistrict, districtCap } = compiled;
  const capped = instance.policy.maxPerBuilding !== null;
  // Row of each capped district after the building rows, or -1.
  const districtRow = new Int32Array(compiled.districtCount).fill(-1);
  let cappedDistricts = 0;
  const buildingRows = nA + nU + (capped ? nB : 0);
  districtCap.forEach((c, d) => {
    if (Number.isFinite(c)) districtRow[d] = buildingRows + cappedDistricts++;
  });
  const units = new Int32Array(nU);
  const scores = new Float64Array(nU);
  let columns = 0;
  for (let a = 0; a < nA; a++) columns += compiled.eligibleUnits(a, units, scores);

  const perColumn = (capped ? 3 : 2) + (cappedDistricts > 0 ? 1 : 0);
  const colCost = new Float64Array(columns);
  const starts = new Int32Array(columns + 1);
  const indices = new Int32Array(perColumn * columns);
  let j = 0;
  let nz = 0;
  for (let a = 0; a < nA; a++) {
    const n = compiled.eligibleUnits(a, units, scores);
    for (let k = 0; k < n; k++, j++) {
      const b = unitBuilding[units[k]];
      colCost[j] = scores[k];
      starts[j] = nz;
      indices[nz++] = a;
      indices[nz++] = nA + units[k];
      if (capped) indices[nz++] = nA + nU + b;
      if (districtRow[buildingDistrict[b]] >= 0) indices[nz++] = districtRow[buildingDistrict[b]];
    }
  }
  starts[columns] = nz;
  const rows = buildingRows + cappedDistricts;
  const rowUpper = new Float64Array(rows).fill(1);
  if (capped) rowUpper.fill(instance.policy.maxPerBuilding as number, nA + nU, buildingRows);
  districtCap.forEach((c, d) => {
    if (districtRow[d] >= 0) rowUpper[districtRow[d]] = c;
  });

  const solver = await highs();
  const model = solver.createModel({
    numCols: columns,
    numRows: rows,
    sense: solver.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(columns),
    colUpper: new Float64Array(columns).fill(1),
    rowLower: new Float64Array(rows).fill(-solver.infinity),
    rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols: columns, starts, indices: indices.subarray(0, nz), values: new Float64Array(nz).fill(1) },
  });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds });
    const built = performance.now();
    model.run();
    const status = model.getModelStatus();
    return {
      status: STATUS_NAMES[status] ?? `status ${status}`,
      objective: model.getObjectiveValue(),
      columns,
      buildMs: built - started,
      solveMs: performance.now() - built,
    };
  } finally {
    model.dispose();
  }
}
