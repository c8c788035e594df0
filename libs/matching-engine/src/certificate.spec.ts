import fc from 'fast-check';
import { allocate } from './allocate';
import { checkCover, verifyCertificate } from './certificate';
import { isEligible } from './eligibility';
import { score } from './score';
import { instances } from './testing/arbitraries';
import { aPolicy, aUnit, anApplicant } from './testing/builders';
import { AllocationResult, Certificate, Instance, districtCapOf } from './types';

const solved = instances().map((instance) => ({ instance, result: allocate(instance, 'optimal', { certificate: true }) }));

function eligiblePairs(instance: Instance) {
  return instance.applicants.flatMap((applicant) =>
    instance.units.filter((unit) => isEligible(applicant, unit, instance.policy)).map((unit) => ({ applicant, unit })),
  );
}

function withDual(certificate: Certificate, kind: keyof Certificate, id: string, value: number): Certificate {
  return { ...certificate, [kind]: { ...certificate[kind], [id]: value } };
}

function expectRejected(instance: Instance, result: AllocationResult, problem: RegExp): void {
  const report = verifyCertificate(instance, result);
  expect(report.valid).toBe(false);
  expect(report.errors.join('\n')).toMatch(problem);
}

describe('verifyCertificate', () => {
  it('rejects a certificate with one dual value lowered below what some eligible pair needs', () => {
    fc.assert(
      fc.property(
        solved.filter(({ instance }) => eligiblePairs(instance).length > 0).chain((c) =>
          fc.record({
            c: fc.constant(c),
            pair: fc.constantFrom(...eligiblePairs(c.instance)),
            lowered: fc.constantFrom('applicants' as const, 'units' as const, 'buildings' as const, 'districts' as const),
          }),
        ),
        ({ c: { instance, result }, pair: { applicant, unit }, lowered }) => {
          const certificate = result.certificate!;
          const slack =
            certificate.applicants[applicant.id] +
            certificate.units[unit.id] +
            certificate.buildings[unit.buildingId] +
            certificate.districts![unit.district] -
            score(applicant, unit, instance.policy);
          const id = { applicants: applicant.id, units: unit.id, buildings: unit.buildingId, districts: unit.district }[lowered];
          const tampered = withDual(certificate, lowered, id, certificate[lowered]![id] - slack - 0.5);
          expectRejected(instance, { ...result, certificate: tampered }, /dual constraint violated|negative/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects an assignment of an ineligible pair', () => {
    fc.assert(
      fc.property(
        solved.filter(({ instance }) =>
          instance.applicants.some((a) => instance.units.some((u) => !isEligible(a, u, instance.policy))),
        ),
        ({ instance, result }) => {
          const applicant = instance.applicants.find((a) => instance.units.some((u) => !isEligible(a, u, instance.policy)))!;
          const unit = instance.units.find((u) => !isEligible(applicant, u, instance.policy))!;
          const s = score(applicant, unit, instance.policy);
          const assignments = [{ applicantId: applicant.id, unitId: unit.id, score: s }];
          expectRejected(instance, { ...result, assignments, totalScore: s }, /is not eligible/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a flat given to two households', () => {
    fc.assert(
      fc.property(
        solved.filter(({ result, instance }) => result.assignments.length > 0 && instance.applicants.length > 1),
        ({ instance, result }) => {
          const [first] = result.assignments;
          const other = instance.applicants.find((a) => a.id !== first.applicantId)!;
          const duplicate = { applicantId: other.id, unitId: first.unitId, score: first.score };
          const assignments = [...result.assignments.filter((a) => a.applicantId !== other.id), duplicate];
          const totalScore = assignments.reduce((sum, a) => sum + a.score, 0);
          expectRejected(instance, { ...result, assignments, totalScore }, new RegExp(`unit ${first.unitId} is assigned more than once`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a wrong total', () => {
    fc.assert(
      fc.property(solved, fc.constantFrom(-1, 0.01, 5), ({ instance, result }, delta) => {
        expectRejected(instance, { ...result, totalScore: result.totalScore + delta }, /totalScore/);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a wrong pair score', () => {
    fc.assert(
      fc.property(
        solved.filter(({ result }) => result.assignments.length > 0),
        ({ instance, result }) => {
          const [first, ...rest] = result.assignments;
          const assignments = [{ ...first, score: first.score + 1 }, ...rest];
          expectRejected(instance, { ...result, assignments, totalScore: result.totalScore + 1 }, /has score/);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects a building over its cap', () => {
    const instance: Instance = {
      policy: aPolicy().withMaxPerBuilding(1).build(),
      applicants: [anApplicant().withId('a1').build(), anApplicant().withId('a2').build()],
      units: [aUnit().withId('u1').inBuilding('b1').build(), aUnit().withId('u2').inBuilding('b1').build()],
    };
    const result = allocate(instance, 'optimal', { certificate: true });
    const s = score(instance.applicants[0], instance.units[0], instance.policy);
    const overCap = [
      { applicantId: 'a1', unitId: 'u1', score: s },
      { applicantId: 'a2', unitId: 'u2', score: s },
    ];
    expectRejected(instance, { ...result, assignments: overCap, totalScore: 2 * s }, /building b1 has 2 allocations, more than the cap of 1/);
  });

  it('rejects a district over its cap', () => {
    const instance: Instance = {
      policy: aPolicy().withMaxPerDistrict({ D1: 1 }).build(),
      applicants: [anApplicant().withId('a1').build(), anApplicant().withId('a2').build()],
      units: [aUnit().withId('u1').inBuilding('b1').inDistrict('D1').build(), aUnit().withId('u2').inBuilding('b2').inDistrict('D1').build()],
    };
    const result = allocate(instance, 'optimal', { certificate: true });
    const s = score(instance.applicants[0], instance.units[0], instance.policy);
    const overCap = [
      { applicantId: 'a1', unitId: 'u1', score: s },
      { applicantId: 'a2', unitId: 'u2', score: s },
    ];
    expectRejected(instance, { ...result, assignments: overCap, totalScore: 2 * s }, /district D1 has 2 allocations, more than its cap of 1/);
  });

  it('rejects a certificate whose district values are raised, missing while districts are capped, or set on an uncapped district', () => {
    fc.assert(
      fc.property(
        solved.filter(({ instance }) => instance.units.length > 0),
        fc.nat(),
        ({ instance, result }, pick) => {
          const certificate = result.certificate!;
          const unit = instance.units[pick % instance.units.length];
          const capped = districtCapOf(instance.policy, unit.district);
          const raised = withDual(certificate, 'districts', unit.district, certificate.districts![unit.district] + 1);
          if (capped === null) {
            expectRejected(instance, { ...result, certificate: raised }, new RegExp(`district ${unit.district} has no cap`));
          } else if (capped > 0) {
            expectRejected(instance, { ...result, certificate: raised }, /dual objective/);
          }
          const { districts: _left, ...withoutDistricts } = certificate;
          const capsAnywhere = instance.units.some((u) => districtCapOf(instance.policy, u.district) !== null);
          const report = verifyCertificate(instance, { ...result, certificate: withoutDistricts });
          // Left out, every w[d] counts as 0: fine without district caps, refused with them.
          if (capsAnywhere) expect(report.errors.join('\n')).toMatch(/no finite value for district/);
          else expect(report).toEqual({ valid: true, errors: [] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts a hand-made certificate with a district value', () => {
    // Two flats of D1 in two buildings, D1 capped at 1: only the better household (10) is housed;
    // w[D1] = 7 covers both, y[a1] = 3 the difference. Sum: 3 + 1 * 7 = 10.
    const instance: Instance = {
      policy: aPolicy().withWeights({ priority: 1, waiting: 0, preference: 0, fit: 0 }).withMaxPerDistrict({ D1: 1 }).build(),
      applicants: [anApplicant().withId('a1').withPriority(10).build(), anApplicant().withId('a2').withPriority(7).build()],
      units: [aUnit().withId('u1').inBuilding('b1').inDistrict('D1').build(), aUnit().withId('u2').inBuilding('b2').inDistrict('D1').build()],
    };
    const result: AllocationResult = {
      mode: 'optimal',
      assignments: [{ applicantId: 'a1', unitId: 'u1', score: 10 }],
      totalScore: 10,
      certificate: { applicants: { a1: 3, a2: 0 }, units: { u1: 0, u2: 0 }, buildings: { b1: 0, b2: 0 }, districts: { D1: 7 } },
      stats: { eligiblePairs: 4, ms: 0 },
    };
    expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
    expect(allocate(instance, 'optimal').totalScore).toBe(10);
  });

  it('rejects a result without a certificate, or with a value missing', () => {
    const instance: Instance = {
      policy: aPolicy().build(),
      applicants: [anApplicant().build()],
      units: [aUnit().build()],
    };
    const result = allocate(instance, 'optimal', { certificate: true });
    expectRejected(instance, { ...result, certificate: undefined }, /no certificate/);
    const { u1: _dropped, ...units } = result.certificate!.units;
    expectRejected(instance, { ...result, certificate: { ...result.certificate!, units } }, /no finite value for unit u1/);
  });

  it('accepts a hand-made certificate for a known optimum', () => {
    const instance: Instance = {
      policy: aPolicy().withWeights({ priority: 1, waiting: 0, preference: 0, fit: 0 }).withMaxPerBuilding(1).build(),
      applicants: [anApplicant().withId('a1').withPriority(10).build(), anApplicant().withId('a2').withPriority(7).build()],
      units: [aUnit().withId('u1').build(), aUnit().withId('u2').build()],
    };
    const result: AllocationResult = {
      mode: 'optimal',
      assignments: [{ applicantId: 'a1', unitId: 'u1', score: 10 }],
      totalScore: 10,
      certificate: { applicants: { a1: 3, a2: 0 }, units: { u1: 0, u2: 0 }, buildings: { b1: 7 } },
      stats: { eligiblePairs: 4, ms: 0 },
    };
    expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
  });
});

describe('checkCover (the streamed pass over the eligible pairs)', () => {
  const withCovers = instances().chain((instance) =>
    fc.record({
      instance: fc.constant(instance),
      applicantCover: fc.array(fc.constantFrom(0, 5, 20, 60, 80.5, 150), { minLength: instance.applicants.length, maxLength: instance.applicants.length }),
      unitCover: fc.array(fc.constantFrom(0, 3, 40, 70.25, 100), { minLength: instance.units.length, maxLength: instance.units.length }),
    }),
  );

  it('visits exactly the pairs isEligible accepts and flags exactly the uncovered ones, as a pair-by-pair check does', () => {
    fc.assert(
      fc.property(withCovers, ({ instance, applicantCover, unitCover }) => {
        const expected: string[] = [];
        let eligible = 0;
        instance.applicants.forEach((applicant, a) =>
          instance.units.forEach((unit, u) => {
            if (!isEligible(applicant, unit, instance.policy)) return;
            eligible++;
            const s = score(applicant, unit, instance.policy);
            if (applicantCover[a] + unitCover[u] < s - 1e-6 * Math.max(1, Math.abs(s))) expected.push(`${a}/${u}`);
          }),
        );
        const check = (countPairs: boolean) => {
          const flagged: string[] = [];
          const pairs = checkCover(
            instance,
            Float64Array.from(applicantCover),
            Float64Array.from(unitCover),
            (a, u, _cover, s) => {
              expect(s).toBe(score(instance.applicants[a], instance.units[u], instance.policy));
              flagged.push(`${a}/${u}`);
              return true;
            },
            countPairs,
          );
          return { pairs, flagged: flagged.sort() };
        };
        // Counting looks at every pair; checking alone may skip the runs of flats that are covered.
        const counted = check(true);
        expect(counted.pairs).toBe(eligible);
        expect(counted.flagged).toEqual(expected.sort());
        expect(check(false).flagged).toEqual(expected.sort());
      }),
      { numRuns: 500 },
    );
  });
});
