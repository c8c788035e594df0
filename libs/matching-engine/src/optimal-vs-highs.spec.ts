import { allocate } from './allocate';
import { compileInstance } from './compiled-instance';
import { verifyCertificate } from './certificate';
import { solveWithHighs } from './testing/highs-reference';
import { generateInstance } from './testing/instance-generator';

// Instances too big for brute force, checked against an independent LP solver.
const cases = [
  { applicants: 400, units: 80, maxPerBuilding: 2, seed: 1 },
  { applicants: 400, units: 80, maxPerBuilding: null, seed: 2 },
  { applicants: 300, units: 120, maxPerBuilding: 1, seed: 3, maxExtraBedrooms: 0 },
  { applicants: 250, units: 150, maxPerBuilding: 3, seed: 4, maxExtraBedrooms: 2 },
  { applicants: 300, units: 100, maxPerBuilding: 2, seed: 5, weights: { priority: 0.2, waiting: 0.1, preference: 25, fit: -6 } },
  { applicants: 200, units: 100, maxPerBuilding: null, seed: 6, weights: { priority: 1, waiting: 0, preference: 0, fit: 0 } },
  // District caps inside the optimum: one for every district, or some districts only.
  { applicants: 400, units: 120, maxPerBuilding: 2, seed: 7, maxPerDistrict: 6 },
  { applicants: 400, units: 120, maxPerBuilding: null, seed: 8, maxPerDistrict: 4 },
  { applicants: 300, units: 150, maxPerBuilding: 3, seed: 9, maxPerDistrict: { D1: 2, D2: 0, D3: 5, D4: 1 } },
];

describe('optimal allocation against HiGHS', () => {
  it.each(cases)('matches the LP optimum ($applicants households, $units flats, cap $maxPerBuilding, seed $seed)', async (options) => {
    const instance = generateInstance(options);
    const result = allocate(instance, 'optimal', { certificate: true });
    const lp = await solveWithHighs(instance, compileInstance(instance), 60);
    expect(lp.status).toBe('Optimal');
    expect(result.totalScore).toBeCloseTo(lp.objective, 6);
    expect(verifyCertificate(instance, result).valid).toBe(true);
  });
});
