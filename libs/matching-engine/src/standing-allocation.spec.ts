import fc from 'fast-check';
import { allocate } from './allocate';
import { verifyCertificate } from './certificate';
import { isEligible } from './eligibility';
import { InvalidInstanceError } from './instance';
import { score } from './score';
import { StandingAllocation, StandingChange } from './standing-allocation';
import { DISTRICTS, applicantFields, instances, unitFields } from './testing/arbitraries';
import { generateInstance, seededRandom } from './testing/instance-generator';
import { aPolicy, aUnit, anApplicant } from './testing/builders';
import { Applicant, Certificate, Instance, Unit, districtCapOf } from './types';

/** A pair is eligible by the seven rules and not excluded (an offer declined). */
function eligible(instance: Instance, applicant: Applicant, unit: Unit): boolean {
  const declined = (instance.excludedPairs ?? []).some((p) => p.applicantId === applicant.id && p.unitId === unit.id);
  return !declined && isEligible(applicant, unit, instance.policy);
}

/** Best total over every feasible allocation, by exhaustive search over the units (caps and exclusions included). */
function bruteForceOptimum(instance: Instance): number {
  const { applicants, units, policy } = instance;
  const cap = policy.maxPerBuilding ?? Infinity;
  const used = new Set<number>();
  const load = new Map<string, number>();
  const districtLoad = new Map<string, number>();
  const search = (u: number): number => {
    if (u === units.length) return 0;
    let best = search(u + 1);
    const unit = units[u];
    const inBuilding = load.get(unit.buildingId) ?? 0;
    const inDistrict = districtLoad.get(unit.district) ?? 0;
    if (inBuilding >= cap || inDistrict >= (districtCapOf(policy, unit.district) ?? Infinity)) return best;
    applicants.forEach((applicant, a) => {
      if (used.has(a) || !eligible(instance, applicant, unit)) return;
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

const KINDS = ['unitAdded', 'unitRemoved', 'applicantAdded', 'applicantRemoved', 'pairExcluded'] as const;

/** A change drawn blind: which household or flat it names is decided against the current instance. */
const changeSeeds = (maxLength: number) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      pick: fc.nat(),
      pick2: fc.nat(),
      applicant: applicantFields,
      unit: unitFields,
      district: fc.constantFrom(...DISTRICTS),
    }),
    { minLength: 1, maxLength },
  );
type ChangeSeed = typeof changeSeeds extends (n: number) => fc.Arbitrary<(infer T)[]> ? T : never;

/** Turns a seed into a change of the current instance (null when it names nothing: nobody to remove). */
function changeOf(seed: ChangeSeed, current: Instance, step: number): StandingChange | null {
  const { applicants, units } = current;
  switch (seed.kind) {
    case 'applicantAdded':
      return { kind: 'applicantAdded', applicant: { id: `new-a${step}`, ...seed.applicant } };
    case 'unitAdded': {
      const sameBuilding = units.find((u) => u.buildingId === seed.unit.buildingId);
      const district = sameBuilding ? sameBuilding.district : seed.district;
      return { kind: 'unitAdded', unit: { id: `new-u${step}`, ...seed.unit, district } };
    }
    case 'applicantRemoved':
      return applicants.length === 0 ? null : { kind: 'applicantRemoved', applicantId: applicants[seed.pick % applicants.length].id };
    case 'unitRemoved':
      return units.length === 0 ? null : { kind: 'unitRemoved', unitId: units[seed.pick % units.length].id };
    case 'pairExcluded': {
      // Mostly a pair in use (an offer declined), sometimes any eligible pair.
      const result = allocate(current, 'optimal');
      const pairs =
        seed.pick2 % 3 === 0 || result.assignments.length === 0
          ? current.applicants.flatMap((a) => current.units.filter((u) => eligible(current, a, u)).map((u) => ({ applicantId: a.id, unitId: u.id })))
          : result.assignments.map(({ applicantId, unitId }) => ({ applicantId, unitId }));
      if (pairs.length === 0) return null;
      return { kind: 'pairExcluded', ...pairs[seed.pick % pairs.length] };
    }
  }
}

/** Applies the seeds one by one, calling check after each change with the current instance. */
function replay(initial: Instance, seeds: readonly ChangeSeed[], check: (standing: StandingAllocation, instance: Instance) => void): StandingAllocation {
  const standing = StandingAllocation.solve(initial);
  check(standing, standing.instance());
  seeds.forEach((seed, step) => {
    const change = changeOf(seed, standing.instance(), step);
    if (change === null) return;
    standing.apply(change);
    check(standing, standing.instance());
  });
  return standing;
}

/**
 * Applies a random change of `kind` drawn from `pool` (a flat in `anyUnit`'s building, a household,
 * or one of `current`'s to remove); false for `pairExcluded`, which each test draws its own way.
 */
function applyRandomChange(
  standing: StandingAllocation,
  { kind, step, anyUnit, current, pool, random }: { kind: StandingChange['kind']; step: number; anyUnit: Unit; current: Instance; pool: Instance; random: () => number },
): boolean {
  if (kind === 'unitAdded') standing.apply({ kind, unit: { ...pool.units[step], id: `new-u${step}`, buildingId: anyUnit.buildingId, district: anyUnit.district } });
  else if (kind === 'unitRemoved') standing.apply({ kind, unitId: anyUnit.id });
  else if (kind === 'applicantAdded') standing.apply({ kind, applicant: { ...pool.applicants[step], id: `new-a${step}` } });
  else if (kind === 'applicantRemoved') standing.apply({ kind, applicantId: current.applicants[Math.floor(random() * current.applicants.length)].id });
  else return false;
  return true;
}

const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y));

describe('StandingAllocation', () => {
  it('after every change of a random sequence, totals what a full re-solve totals, with a certificate the verifier accepts', () => {
    fc.assert(
      fc.property(instances({ maxApplicants: 9, maxUnits: 7 }), changeSeeds(25), (initial, seeds) => {
        replay(initial, seeds, (standing, instance) => {
          const result = standing.result();
          const resolved = allocate(instance, 'optimal');
          expect(close(result.totalScore, resolved.totalScore)).toBe(true);
          expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
          expect(close(standing.totalScore, resolved.totalScore)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('ends a random sequence at the brute-force optimum (tiny instances)', () => {
    fc.assert(
      fc.property(instances({ maxApplicants: 5, maxUnits: 4 }), changeSeeds(8), (initial, seeds) => {
        const standing = replay(initial, seeds, () => undefined);
        const instance = standing.instance();
        fc.pre(instance.units.length <= 6);
        const result = standing.result();
        expect(close(result.totalScore, bruteForceOptimum(instance))).toBe(true);
        expect(verifyCertificate(instance, result).valid).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the full re-solve honest: allocate with excluded pairs reaches the brute-force optimum', () => {
    fc.assert(
      fc.property(
        instances({ maxApplicants: 5, maxUnits: 4 }).chain((instance) =>
          fc.record({
            instance: fc.constant(instance),
            excluded: fc.subarray(instance.applicants.flatMap((a) => instance.units.map((u) => ({ applicantId: a.id, unitId: u.id })))),
          }),
        ),
        ({ instance, excluded }) => {
          const withExclusions: Instance = { ...instance, excludedPairs: excluded };
          const result = allocate(withExclusions, 'optimal', { certificate: true });
          expect(close(result.totalScore, bruteForceOptimum(withExclusions))).toBe(true);
          expect(verifyCertificate(withExclusions, result)).toEqual({ valid: true, errors: [] });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses tampered certificates after a sequence of changes: a value lowered below an eligible pair, a wrong total, an excluded pair used', () => {
    fc.assert(
      fc.property(instances({ maxApplicants: 7, maxUnits: 5 }), changeSeeds(10), fc.nat(), fc.constantFrom('applicants' as const, 'units' as const, 'buildings' as const, 'districts' as const), (initial, seeds, pick, lowered) => {
        const standing = replay(initial, seeds, () => undefined);
        const instance = standing.instance();
        const result = standing.result();
        expect(verifyCertificate(instance, { ...result, totalScore: result.totalScore + 0.5 }).valid).toBe(false);

        const pairs = instance.applicants.flatMap((a) => instance.units.filter((u) => eligible(instance, a, u)).map((u) => ({ a, u })));
        fc.pre(pairs.length > 0);
        const { a, u } = pairs[pick % pairs.length];
        const c = result.certificate;
        const slack = c.applicants[a.id] + c.units[u.id] + c.buildings[u.buildingId] + (c.districts as Record<string, number>)[u.district] - score(a, u, instance.policy);
        const id = { applicants: a.id, units: u.id, buildings: u.buildingId, districts: u.district }[lowered];
        const record = c[lowered] as Record<string, number>;
        const tampered: Certificate = { ...c, [lowered]: { ...record, [id]: record[id] - slack - 0.5 } };
        const report = verifyCertificate(instance, { ...result, certificate: tampered });
        expect(report.valid).toBe(false);
        expect(report.errors.join('\n')).toMatch(/dual constraint violated|negative/);

        const declined = instance.excludedPairs?.[pick % (instance.excludedPairs.length || 1)];
        if (declined) {
          const applicant = instance.applicants.find((x) => x.id === declined.applicantId)!;
          const unit = instance.units.find((x) => x.id === declined.unitId)!;
          const s = score(applicant, unit, instance.policy);
          const assignments = [{ applicantId: applicant.id, unitId: unit.id, score: s }];
          const used = verifyCertificate(instance, { assignments, totalScore: s, certificate: c });
          expect(used.valid).toBe(false);
          expect(used.errors.join('\n')).toMatch(/is not eligible/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    { maxPerBuilding: 2, maxPerDistrict: undefined },
    { maxPerBuilding: 1, maxPerDistrict: 12 },
    { maxPerBuilding: null, maxPerDistrict: undefined },
  ])('keeps a generated waitlist (600 households, 60 flats, building cap $maxPerBuilding, district cap $maxPerDistrict) at the re-solved optimum over 150 changes', (caps) => {
    const initial = generateInstance({ applicants: 600, units: 60, seed: 5, ...caps });
    const pool = generateInstance({ applicants: 150, units: 150, seed: 6, ...caps });
    const random = seededRandom(7);
    const standing = StandingAllocation.solve(initial);
    const kinds = ['unitAdded', 'unitRemoved', 'applicantAdded', 'applicantRemoved', 'pairExcluded'] as const;
    for (let step = 0; step < 150; step++) {
      const current = standing.instance();
      const kind = kinds[Math.floor(random() * kinds.length)];
      const anyUnit = current.units[Math.floor(random() * current.units.length)];
      if (!applyRandomChange(standing, { kind, step, anyUnit, current, pool, random })) {
        const holder = standing.holderOf(anyUnit.id);
        if (holder !== undefined) standing.apply({ kind: 'pairExcluded', applicantId: holder, unitId: anyUnit.id });
      }
      if (step % 10 === 9) {
        const instance = standing.instance();
        const result = standing.result();
        expect(result.totalScore).toBeCloseTo(allocate(instance, 'optimal').totalScore, 6);
        expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
      }
    }
  });

  it('stays at the re-solved optimum after every change on a waitlist full of ties (zero-cost plateaus), declines of flats not held included', () => {
    // Many households per flat and few distinct scores: most arcs of the searches cost exactly 0
    // (up to rounding), which is where the searches look ahead and count rounding noise as 0.
    const initial = generateInstance({ applicants: 1_500, units: 90, seed: 11, maxPerBuilding: 2 });
    const pool = generateInstance({ applicants: 120, units: 120, seed: 12, maxPerBuilding: 2 });
    const random = seededRandom(13);
    const standing = StandingAllocation.solve(initial);
    const kinds = ['unitAdded', 'unitRemoved', 'applicantAdded', 'applicantRemoved', 'pairExcluded', 'pairExcluded'] as const;
    for (let step = 0; step < 120; step++) {
      const current = standing.instance();
      const kind = kinds[Math.floor(random() * kinds.length)];
      const anyUnit = current.units[Math.floor(random() * current.units.length)];
      if (!applyRandomChange(standing, { kind, step, anyUnit, current, pool, random })) {
        // Half the time the flat held, half the time another flat the housed household could take.
        const assignments = standing.result().assignments;
        const held = assignments[Math.floor(random() * assignments.length)];
        const applicant = current.applicants.find((a) => a.id === held.applicantId)!;
        const others = current.units.filter((u) => u.id !== held.unitId && eligible(current, applicant, u));
        const unitId = random() < 0.5 || others.length === 0 ? held.unitId : others[Math.floor(random() * others.length)].id;
        standing.apply({ kind: 'pairExcluded', applicantId: held.applicantId, unitId });
      }
      const instance = standing.instance();
      const result = standing.result();
      expect(result.totalScore).toBeCloseTo(allocate(instance, 'optimal').totalScore, 6);
      expect(verifyCertificate(instance, result)).toEqual({ valid: true, errors: [] });
    }
  });

  it('follows a worked sequence: a flat becomes available, the housed household leaves, an offer is declined, a flat leaves', () => {
    // Weights: priority only. Two flats in one building capped at 1, so one household is housed.
    const policy = aPolicy().withWeights({ priority: 1, waiting: 0, preference: 0, fit: 0 }).withMaxPerBuilding(1).build();
    const h = (id: string, priority: number) => anApplicant().withId(id).withPriority(priority).build();
    const standing = StandingAllocation.solve({
      policy,
      applicants: [h('h1', 50), h('h2', 40), h('h3', 30)],
      units: [aUnit().withId('u1').inBuilding('b1').build(), aUnit().withId('u2').inBuilding('b1').build()],
    });
    const housed = () => standing.result().assignments.map((x) => `${x.applicantId}:${x.unitId}`);
    const check = () => expect(verifyCertificate(standing.instance(), standing.result())).toEqual({ valid: true, errors: [] });
    expect(standing.totalScore).toBe(50); // h1, the building's one slot
    check();

    // A flat in another building: h2 (40) moves in, 50 + 40.
    standing.apply({ kind: 'unitAdded', unit: aUnit().withId('u3').inBuilding('b2').build() });
    expect(standing.totalScore).toBe(90);
    expect(housed().map((x) => x.split(':')[0])).toEqual(['h1', 'h2']);
    check();

    // h1 leaves: h2 and h3 are housed, one per building: 40 + 30.
    standing.apply({ kind: 'applicantRemoved', applicantId: 'h1' });
    expect(standing.totalScore).toBe(70);
    check();

    // h3 declines u3 and u1: only u2 (in b1) is left for it; h2 takes u3. Still 70.
    standing.apply({ kind: 'pairExcluded', applicantId: 'h3', unitId: 'u3' });
    standing.apply({ kind: 'pairExcluded', applicantId: 'h3', unitId: 'u1' });
    expect(standing.totalScore).toBe(70);
    expect(housed()).toEqual(['h2:u3', 'h3:u2']);
    check();

    // h2 declines u3: both now need b1, which takes one: h2 (40).
    standing.apply({ kind: 'pairExcluded', applicantId: 'h2', unitId: 'u3' });
    expect(standing.totalScore).toBe(40);
    expect(housed().map((x) => x.split(':')[0])).toEqual(['h2']);
    check();

    // The flat h2 holds leaves: h2 moves to the other flat of b1, still 40.
    const held = standing.result().assignments[0].unitId;
    standing.apply({ kind: 'unitRemoved', unitId: held });
    expect(housed()).toEqual([`h2:${held === 'u1' ? 'u2' : 'u1'}`]);
    expect(standing.totalScore).toBe(40);
    check();
  });

  it('refuses unknown and duplicate ids and a flat whose building lies in another district', () => {
    const standing = StandingAllocation.solve({
      policy: aPolicy().build(),
      applicants: [anApplicant().withId('a1').build()],
      units: [aUnit().withId('u1').inBuilding('b1').inDistrict('D1').build()],
    });
    expect(() => standing.apply({ kind: 'applicantRemoved', applicantId: 'nobody' })).toThrow(new InvalidInstanceError('unknown applicant id "nobody"'));
    expect(() => standing.apply({ kind: 'unitRemoved', unitId: 'none' })).toThrow(new InvalidInstanceError('unknown unit id "none"'));
    expect(() => standing.apply({ kind: 'applicantAdded', applicant: anApplicant().withId('a1').build() })).toThrow(/duplicate applicant id "a1"/);
    expect(() => standing.apply({ kind: 'unitAdded', unit: aUnit().withId('u1').build() })).toThrow(/duplicate unit id "u1"/);
    expect(() => standing.apply({ kind: 'unitAdded', unit: aUnit().withId('u2').inBuilding('b1').inDistrict('D2').build() })).toThrow(
      /building "b1" is in district "D1", unit "u2" in "D2"/,
    );
    // Nothing changed.
    expect(standing.instance().units.map((u) => u.id)).toEqual(['u1']);
    expect(standing.result().assignments).toEqual([{ applicantId: 'a1', unitId: 'u1', score: score(anApplicant().build(), aUnit().build(), aPolicy().build()) }]);
  });
});
