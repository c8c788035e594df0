/** Readable test data: anApplicant().withHouseholdSize(3).build(). Defaults make an eligible pair. */
import { Applicant, Policy, Unit, Weights } from '../types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class ApplicantBuilder {
  private readonly fields: Mutable<Applicant> = {
    id: 'a1',
    householdSize: 2,
    bedroomsNeeded: 1,
    maxRent: 800,
    wheelchair: false,
    stepFree: false,
    pets: false,
    excludedDistricts: [],
    preferredDistricts: [],
    priority: 50,
    waitingDays: 300,
  };

  withId(id: string): this {
    return this.set('id', id);
  }
  withHouseholdSize(size: number): this {
    return this.set('householdSize', size);
  }
  needingBedrooms(count: number): this {
    return this.set('bedroomsNeeded', count);
  }
  withMaxRent(rent: number): this {
    return this.set('maxRent', rent);
  }
  usingAWheelchair(): this {
    return this.set('wheelchair', true);
  }
  needingStepFreeAccess(): this {
    return this.set('stepFree', true);
  }
  withPets(): this {
    return this.set('pets', true);
  }
  excluding(...districts: string[]): this {
    return this.set('excludedDistricts', districts);
  }
  preferring(...districts: string[]): this {
    return this.set('preferredDistricts', districts);
  }
  withPriority(priority: number): this {
    return this.set('priority', priority);
  }
  waitingFor(days: number): this {
    return this.set('waitingDays', days);
  }
  build(): Applicant {
    return { ...this.fields };
  }

  private set<K extends keyof Applicant>(key: K, value: Applicant[K]): this {
    this.fields[key] = value;
    return this;
  }
}

class UnitBuilder {
  private readonly fields: Mutable<Unit> = {
    id: 'u1',
    buildingId: 'b1',
    district: 'D1',
    bedrooms: 1,
    maxOccupants: 2,
    rent: 600,
    wheelchairAccessible: false,
    stepFree: false,
    petsAllowed: false,
  };

  withId(id: string): this {
    return this.set('id', id);
  }
  inBuilding(buildingId: string): this {
    return this.set('buildingId', buildingId);
  }
  inDistrict(district: string): this {
    return this.set('district', district);
  }
  withBedrooms(count: number): this {
    return this.set('bedrooms', count);
  }
  forUpTo(occupants: number): this {
    return this.set('maxOccupants', occupants);
  }
  withRent(rent: number): this {
    return this.set('rent', rent);
  }
  wheelchairAccessible(): this {
    return this.set('wheelchairAccessible', true);
  }
  stepFree(): this {
    return this.set('stepFree', true);
  }
  allowingPets(): this {
    return this.set('petsAllowed', true);
  }
  build(): Unit {
    return { ...this.fields };
  }

  private set<K extends keyof Unit>(key: K, value: Unit[K]): this {
    this.fields[key] = value;
    return this;
  }
}

class PolicyBuilder {
  private fields: Mutable<Policy> = {
    mode: 'optimal',
    weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 },
    maxPerBuilding: null,
    maxExtraBedrooms: 1,
  };

  withWeights(weights: Partial<Weights>): this {
    this.fields.weights = { ...this.fields.weights, ...weights };
    return this;
  }
  withMaxPerBuilding(cap: number | null): this {
    this.fields.maxPerBuilding = cap;
    return this;
  }
  withMaxPerDistrict(caps: Policy['maxPerDistrict']): this {
    this.fields.maxPerDistrict = caps;
    return this;
  }
  withMaxExtraBedrooms(extra: number): this {
    this.fields.maxExtraBedrooms = extra;
    return this;
  }
  build(): Policy {
    return { ...this.fields };
  }
}

export const anApplicant = (): ApplicantBuilder => new ApplicantBuilder();
export const aUnit = (): UnitBuilder => new UnitBuilder();
export const aPolicy = (): PolicyBuilder => new PolicyBuilder();
