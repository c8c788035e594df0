import fc from 'fast-check';
import { allocate } from './allocate';
import { isEligible } from './eligibility';
import { score } from './score';
import { instances } from './testing/arbitraries';
import { aPolicy, aUnit, anApplicant } from './testing/builders';
import { Instance } from './types';

/** Serial dictatorship written as plainly as possible, straight from docs/matching-rules.md#priority. */
function naiveSerialDictatorship(instance: Instance): Map<string, string> {
  const { policy } = instance;
  const queue = [...instance.applicants].sort((a, b) => {
    if (a.priority !== b.priority) return b.priority - a.priority;
    if (a.waitingDays !== b.waitingDays) return b.waitingDays - a.waitingDays;
    return a.id < b.id ? -1 : 1;
  });
  const taken = new Set<string>();
  const perBuilding = new Map<string, number>();
  const perDistrict = new Map<string, number>();
  const districtCap = (district: string): number => {
    const caps = policy.maxPerDistrict;
    if (caps === null || caps === undefined) return Infinity;
    if (typeof caps === 'number') return caps;
    return district in caps ? caps[district] : Infinity;
  };
  const result = new Map<string, string>();
  for (const applicant of queue) {
    let best: { unitId: string; score: number } | undefined;
    for (const unit of instance.units) {
      if (taken.has(unit.id)) continue;
      if (policy.maxPerBuilding !== null && (perBuilding.get(unit.buildingId) ?? 0) >= policy.maxPerBuilding) continue;
      if ((perDistrict.get(unit.district) ?? 0) >= districtCap(unit.district)) continue;
      if (!isEligible(applicant, unit, policy)) continue;
      const s = score(applicant, unit, policy);
      if (!best || s > best.score || (s === best.score && unit.id < best.unitId)) best = { unitId: unit.id, score: s };
    }
    if (best) {
      const unit = instance.units.find((u) => u.id === best.unitId)!;
      taken.add(unit.id);
      perBuilding.set(unit.buildingId, (perBuilding.get(unit.buildingId) ?? 0) + 1);
      perDistrict.set(unit.district, (perDistrict.get(unit.district) ?? 0) + 1);
      result.set(applicant.id, unit.id);
    }
  }
  return result;
}

describe('priority allocation', () => {
  it('is exactly the naive serial dictatorship on random instances', () => {
    fc.assert(
      fc.property(instances(), (instance) => {
        const result = allocate(instance, 'priority');
        const expected = naiveSerialDictatorship(instance);
        expect(new Map(result.assignments.map((a) => [a.applicantId, a.unitId]))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('is exactly the naive serial dictatorship when districts are capped', () => {
    fc.assert(
      fc.property(
        instances().filter((i) => i.policy.maxPerDistrict !== null && i.policy.maxPerDistrict !== undefined),
        (instance) => {
          const result = allocate(instance, 'priority');
          expect(new Map(result.assignments.map((a) => [a.applicantId, a.unitId]))).toEqual(naiveSerialDictatorship(instance));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('skips flats in a district that reached its cap, in any of its buildings', () => {
    const instance: Instance = {
      policy: aPolicy().withMaxPerDistrict(1).build(),
      applicants: [
        anApplicant().withId('first').withPriority(90).preferring('D1').build(),
        anApplicant().withId('second').withPriority(80).preferring('D1').build(),
      ],
      units: [
        aUnit().withId('u1').inBuilding('b1').inDistrict('D1').build(),
        aUnit().withId('u2').inBuilding('b2').inDistrict('D1').build(),
        aUnit().withId('u3').inBuilding('b3').inDistrict('D2').build(),
      ],
    };
    expect(allocate(instance, 'priority').assignments.map((a) => [a.applicantId, a.unitId])).toEqual([
      ['first', 'u1'],
      ['second', 'u3'],
    ]);
  });

  it('lets the higher priority choose first even when that lowers the total', () => {
    const instance: Instance = {
      policy: aPolicy().build(),
      applicants: [
        anApplicant().withId('first').withPriority(90).preferring('D1').build(),
        anApplicant().withId('second').withPriority(80).build(),
      ],
      units: [aUnit().withId('u1').inDistrict('D1').build()],
    };
    expect(allocate(instance, 'priority').assignments.map((a) => a.applicantId)).toEqual(['first']);
  });

  it('breaks equal priority by longer wait, then by the smaller id in string order', () => {
    const unit = aUnit().withId('only').build();
    const tie = (id: string, waitingDays: number) => anApplicant().withId(id).withPriority(50).waitingFor(waitingDays).build();
    const byWait: Instance = { policy: aPolicy().build(), applicants: [tie('a1', 100), tie('a2', 200)], units: [unit] };
    expect(allocate(byWait, 'priority').assignments[0].applicantId).toBe('a2');
    const byId: Instance = { policy: aPolicy().build(), applicants: [tie('a2', 100), tie('a10', 100)], units: [unit] };
    expect(allocate(byId, 'priority').assignments[0].applicantId).toBe('a10');
  });

  it('gives equally scored flats by the smallest unit id in string order', () => {
    const instance: Instance = {
      policy: aPolicy().build(),
      applicants: [anApplicant().build()],
      units: [aUnit().withId('u2').build(), aUnit().withId('u10').build()],
    };
    expect(allocate(instance, 'priority').assignments[0].unitId).toBe('u10');
  });

  it('skips flats in a building that reached its cap', () => {
    const instance: Instance = {
      policy: aPolicy().withMaxPerBuilding(1).build(),
      applicants: [anApplicant().withId('a1').withPriority(90).build(), anApplicant().withId('a2').withPriority(10).build()],
      units: [aUnit().withId('u1').inBuilding('b1').build(), aUnit().withId('u2').inBuilding('b1').build()],
    };
    expect(allocate(instance, 'priority').assignments).toHaveLength(1);
  });
});
