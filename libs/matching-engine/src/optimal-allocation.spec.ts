import fc from 'fast-check';
import { allocate } from './allocate';
import { verifyCertificate } from './certificate';
import { isEligible } from './eligibility';
import { score } from './score';
import { instances } from './testing/arbitraries';
import { aPolicy, aUnit, anApplicant } from './testing/builders';
import { Instance } from './types';

/** The cap of a district read straight from the policy, as docs/matching-rules.md words it. */
function districtCap(instance: Instance, district: string): number {
  const caps = instance.policy.maxPerDistrict;
  if (caps === null || caps === undefined) return Infinity;
  if (typeof caps === 'number') return caps;
  return district in caps ? caps[district] : Infinity;
}

/** Best total over every feasible allocation, by exhaustive search over the units. */
function bruteForceOptimum(instance: Instance): number {
  const { applicants, units, policy } = instance;
  const cap = policy.maxPerBuilding ?? Infinity;
  const used = new Set<number>();
  const load = new Map<string, number>();
  const districtLoad = new Map<string, number>();
  const search = (u: number): number => {
    if (u === units.length) return 0;
    let best = search(u + 1); // unit u stays empty
    const unit = units[u];
    const inBuilding = load.get(unit.buildingId) ?? 0;
    const inDistrict = districtLoad.get(unit.district) ?? 0;
    if (inBuilding >= cap || inDistrict >= districtCap(instance, unit.district)) return best;
    applicants.forEach((applicant, a) => {
      if (used.has(a) || !isEligible(applicant, unit, policy)) return;
      used.add(a);
      load.set(unit.buildingId, inBuilding + 1);
      districtLoad.set(unit.district, inDistrict + 1);
      best = Math.max(best, score(applicant, unit, policy) + search(u + 1));
      districtLoad.set(unit.district, inDistrict);
      load.set(unit.buildingId, inBuilding);
      used.delete(a);
    });
    return best;
  };
  return search(0);
}

const withDistrictCaps = instances().filter(
  (instance) => instance.policy.maxPerDistrict !== null && instance.policy.maxPerDistrict !== undefined,
);

describe('optimal allocation', () => {
  it('reaches the brute-force optimum when districts are capped (one cap for all or per district)', () => {
    fc.assert(
      fc.property(withDistrictCaps, (instance) => {
        const result = allocate(instance, 'optimal', { certificate: true });
        expect(result.totalScore).toBeCloseTo(bruteForceOptimum(instance), 6);
        expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('reaches the brute-force optimum on random small instances, with and without caps', () => {
    fc.assert(
      fc.property(instances(), (instance) => {
        const result = allocate(instance, 'optimal');
        expect(result.totalScore).toBeCloseTo(bruteForceOptimum(instance), 6);
      }),
      { numRuns: 400 },
    );
  });

  it('always returns a certificate that verifies', () => {
    fc.assert(
      fc.property(instances(), (instance) => {
        const result = allocate(instance, 'optimal', { certificate: true });
        expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('reports each pair with exactly the score of the formula', () => {
    fc.assert(
      fc.property(instances(), (instance) => {
        const applicants = new Map(instance.applicants.map((a) => [a.id, a]));
        const units = new Map(instance.units.map((u) => [u.id, u]));
        for (const { applicantId, unitId, score: s } of allocate(instance, 'optimal').assignments) {
          expect(s).toBe(score(applicants.get(applicantId)!, units.get(unitId)!, instance.policy));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact on a larger instance where many households compete for few flats', () => {
    fc.assert(
      fc.property(instances({ maxApplicants: 9, maxUnits: 7 }), (instance) => {
        const result = allocate(instance, 'optimal', { certificate: true });
        expect(verifyCertificate(instance, result).valid).toBe(true);
        expect(result.totalScore).toBeCloseTo(bruteForceOptimum(instance), 6);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves a flat empty rather than take a negative score', () => {
    const policy = aPolicy().withWeights({ priority: 1, waiting: 0, preference: 0, fit: -100 }).build();
    const instance: Instance = {
      policy,
      applicants: [anApplicant().withPriority(10).needingBedrooms(1).build()],
      units: [aUnit().withBedrooms(1).build()],
    };
    const result = allocate(instance, 'optimal', { certificate: true });
    expect(result.assignments).toEqual([]);
    expect(result.totalScore).toBe(0);
    expect(verifyCertificate(instance, result).valid).toBe(true);
  });

  it('gives up a better pair when the building cap allows only one allocation', () => {
    const policy = aPolicy().withMaxPerBuilding(1).build();
    const instance: Instance = {
      policy,
      applicants: [anApplicant().withId('high').withPriority(90).build(), anApplicant().withId('low').withPriority(40).build()],
      units: [aUnit().withId('u1').inBuilding('b1').build(), aUnit().withId('u2').inBuilding('b1').build()],
    };
    const result = allocate(instance, 'optimal', { certificate: true });
    expect(result.assignments.map((a) => a.applicantId)).toEqual(['high']);
    expect(verifyCertificate(instance, result).valid).toBe(true);
  });

  it('keeps a district under its cap even when its flats are in different buildings', () => {
    const policy = aPolicy().withMaxPerDistrict({ D1: 1 }).build();
    const instance: Instance = {
      policy,
      applicants: [anApplicant().withId('high').withPriority(90).build(), anApplicant().withId('low').withPriority(40).build()],
      units: [aUnit().withId('u1').inBuilding('b1').inDistrict('D1').build(), aUnit().withId('u2').inBuilding('b2').inDistrict('D1').build()],
    };
    const result = allocate(instance, 'optimal', { certificate: true });
    expect(result.assignments.map((a) => a.applicantId)).toEqual(['high']);
    // 90 (priority) + 0.5 * 300 / 30 (waiting) + 4 (one bedroom, as needed) = 99.
    expect(result.totalScore).toBe(99);
    expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
  });

  it('refuses an instance whose building has flats in two districts', () => {
    const instance: Instance = {
      policy: aPolicy().build(),
      applicants: [anApplicant().build()],
      units: [aUnit().withId('u1').inBuilding('b1').inDistrict('D1').build(), aUnit().withId('u2').inBuilding('b1').inDistrict('D2').build()],
    };
    expect(() => allocate(instance, 'optimal')).toThrow('building "b1" is in two districts: units[0] ("u1") is in "D1", units[1] ("u2") in "D2"');
    expect(() => allocate(instance, 'priority')).toThrow(/building "b1" is in two districts/);
  });

  it('counts eligible pairs', () => {
    const instance: Instance = {
      policy: aPolicy().build(),
      applicants: [anApplicant().withId('a').build(), anApplicant().withId('big').withHouseholdSize(5).build()],
      units: [aUnit().withId('u1').build(), aUnit().withId('u2').build()],
    };
    expect(allocate(instance, 'optimal').stats.eligiblePairs).toBe(2);
    expect(allocate(instance, 'priority').stats.eligiblePairs).toBe(2);
  });
});
