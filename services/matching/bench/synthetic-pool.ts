/**
 * A seeded synthetic waitlist and stock for the service benchmark, with the distributions of the
 * engine's own benchmark generator (libs/matching-engine/src/testing/instance-generator.ts, which
 * the module boundaries keep out of reach of a service): districts with their own rent levels,
 * buildings of 2 to 6 flats sharing access features, rents rising with bedrooms, households of 1
 * to 6 whose bedroom need follows their size, budgets around the going rent for that need, a
 * long-tailed waiting time.
 */

export interface SyntheticUnit {
  buildingId: string;
  district: string;
  bedrooms: number;
  maxOccupants: number;
  rent: number;
  wheelchairAccessible: boolean;
  stepFree: boolean;
  petsAllowed: boolean;
}

export interface SyntheticHousehold {
  householdSize: number;
  bedroomsNeeded: number;
  maxRent: number;
  wheelchair: boolean;
  stepFree: boolean;
  pets: boolean;
  excludedDistricts: string[];
  preferredDistricts: string[];
  priority: number;
  waitingDays: number;
}

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same pool. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BEDROOM_MIX = [0.1, 0.3, 0.35, 0.2, 0.05];
const HOUSEHOLD_MIX = [0.3, 0.25, 0.18, 0.14, 0.08, 0.05];

export function syntheticPool(households: number, units: number, seed: number): { households: SyntheticHousehold[]; units: SyntheticUnit[]; districts: string[] } {
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

  const districtCount = Math.max(6, Math.round(Math.sqrt(units) / 2.5));
  const districts = Array.from({ length: districtCount }, (_, i) => `D${i + 1}`);
  const districtRent = new Map(districts.map((d) => [d, 380 + Math.round(random() * 320)]));
  const rentFor = (district: string, bedrooms: number): number => Math.round((districtRent.get(district)! + 160 * bedrooms) * (0.85 + 0.3 * random()));

  const stock: SyntheticUnit[] = [];
  for (let building = 1; stock.length < units; building++) {
    const district = pick(districts);
    const hasLift = random() < 0.45;
    const wheelchairAccessible = hasLift && random() < 0.5;
    const petsAllowed = random() < 0.6;
    const flats = Math.min(2 + Math.floor(random() * 5), units - stock.length);
    for (let f = 0; f < flats; f++) {
      const bedrooms = fromMix(BEDROOM_MIX);
      const groundFloor = f < 2;
      stock.push({
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

  const averageRent = [...districtRent.values()].reduce((sum, rent) => sum + rent, 0) / districtCount;
  const waitlist: SyntheticHousehold[] = [];
  for (let i = 0; i < households; i++) {
    const householdSize = 1 + fromMix(HOUSEHOLD_MIX);
    const bedroomsNeeded = householdSize === 1 ? (random() < 0.5 ? 0 : 1) : Math.ceil(householdSize / 2);
    const wheelchair = random() < 0.05;
    const preferredDistricts = districts.filter(() => random() < 2 / districtCount).slice(0, 3);
    const excludedDistricts = districts.filter((d) => !preferredDistricts.includes(d) && random() < 0.6 / districtCount);
    waitlist.push({
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
  return { households: waitlist, units: stock, districts };
}
