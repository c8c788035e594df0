import { Applicant, Instance, Policy, Unit, Weights } from '../types';

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same instances. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratorOptions {
  readonly applicants: number;
  readonly units: number;
  readonly maxPerBuilding: number | null;
  readonly seed: number;
  readonly weights?: Weights;
  readonly maxExtraBedrooms?: number;
  readonly maxPerDistrict?: Policy['maxPerDistrict'];
}

const BEDROOM_MIX = [0.1, 0.3, 0.35, 0.2, 0.05];
const HOUSEHOLD_MIX = [0.3, 0.25, 0.18, 0.14, 0.08, 0.05];

/**
 * A synthetic waitlist and stock: districts with their own rent levels, buildings of 2 to 6
 * flats sharing access features, rents rising with bedrooms, households of 1 to 6 whose
 * bedroom need follows their size, budgets around the going rent for that need.
 */
export function generateInstance(options: GeneratorOptions): Instance {
  const { applicants: applicantCount, units: unitCount, maxPerBuilding, seed } = options;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const fromMix = (mix: readonly number[]): number => {
    let r = random();
    for (let i = 0; i < mix.length; i++) {
      r -= mix[i];
      if (r < 0) return i;
    }
    return mix.length - 1;
  };

  const districtCount = Math.max(6, Math.round(Math.sqrt(unitCount) / 2.5));
  const districts = Array.from({ length: districtCount }, (_, i) => `D${i + 1}`);
  const districtRent = new Map(districts.map((d) => [d, 380 + Math.round(random() * 320)]));
  const rentFor = (district: string, bedrooms: number): number =>
    Math.round(((districtRent.get(district) as number) + 160 * bedrooms) * (0.85 + 0.3 * random()));

  const units: Unit[] = [];
  for (let building = 1; units.length < unitCount; building++) {
    const district = pick(districts);
    const hasLift = random() < 0.45;
    const wheelchairAccessible = hasLift && random() < 0.5;
    const petsAllowed = random() < 0.6;
    const flats = Math.min(2 + Math.floor(random() * 5), unitCount - units.length);
    for (let f = 0; f < flats; f++) {
      const bedrooms = fromMix(BEDROOM_MIX);
      const groundFloor = f < 2;
      units.push({
        id: `u${units.length + 1}`,
        buildingId: `b${building}`,
        district,
        bedrooms,
        maxOccupants: bedrooms === 0 ? 1 + Math.floor(random() * 2) : 2 * bedrooms,
        rent: rentFor(district, bedrooms),
        wheelchairAccessible: wheelchairAccessible || (groundFloor && random() < 0.2),
        stepFree: hasLift || groundFloor,
        petsAllowed,
      });
    }
  }

  const averageRent = [...districtRent.values()].reduce((s, r) => s + r, 0) / districtCount;
  const applicants: Applicant[] = [];
  for (let i = 1; i <= applicantCount; i++) {
    const householdSize = 1 + fromMix(HOUSEHOLD_MIX);
    const bedroomsNeeded = householdSize === 1 ? (random() < 0.5 ? 0 : 1) : Math.ceil(householdSize / 2);
    const wheelchair = random() < 0.05;
    const others = districts.filter(() => random() < 2 / districtCount);
    const preferredDistricts = others.slice(0, 3);
    const excludedDistricts = districts.filter((d) => !preferredDistricts.includes(d) && random() < 0.6 / districtCount);
    applicants.push({
      id: `a${i}`,
      householdSize,
      bedroomsNeeded,
      maxRent: Math.round((averageRent + 160 * bedroomsNeeded) * (0.8 + 0.6 * random())),
      wheelchair,
      stepFree: wheelchair || random() < 0.08,
      pets: random() < 0.2,
      excludedDistricts,
      preferredDistricts,
      priority: Math.round(random() * 1000) / 10,
      waitingDays: Math.floor(-Math.log(1 - random()) * 500),
    });
  }

  const policy: Policy = {
    mode: 'optimal',
    weights: options.weights ?? { priority: 1, waiting: 0.5, preference: 8, fit: 4 },
    maxPerBuilding,
    maxExtraBedrooms: options.maxExtraBedrooms ?? 1,
    ...(options.maxPerDistrict === undefined ? {} : { maxPerDistrict: options.maxPerDistrict }),
  };
  return { policy, applicants, units };
}
