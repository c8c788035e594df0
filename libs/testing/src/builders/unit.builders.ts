/** A two-bedroom ground-floor flat, step-free; tests change what they are about. */
export class UnitBuilder {
  private body: Record<string, unknown> = {
    address: 'Rue Haute 120',
    postalCode: '1000',
    city: 'Brussels',
    districtCode: 'BXL-C',
    buildingId: 'bld-rue-haute-120',
    type: 'apartment',
    bedrooms: 2,
    floorArea: 68,
    floor: 0,
    elevator: false,
    stepFree: true,
    wheelchairAccessible: false,
    maxOccupants: 4,
    rent: 690,
    serviceCharges: 45,
    energyLabel: 'C',
    petsAllowed: true,
    furnished: false,
    availableFrom: '2027-02-01',
  };

  with(field: string, value: unknown): this {
    this.body[field] = value;
    return this;
  }

  withBedrooms(bedrooms: number): this {
    return this.with('bedrooms', bedrooms);
  }

  withRent(rent: number): this {
    return this.with('rent', rent);
  }

  withDistrict(districtCode: string): this {
    return this.with('districtCode', districtCode);
  }

  forLandlord(landlordId: string): this {
    return this.with('landlordId', landlordId);
  }

  wheelchairAccessible(): this {
    return this.with('wheelchairAccessible', true).with('stepFree', true);
  }

  build(): Record<string, unknown> {
    return { ...this.body };
  }
}

export const aUnit = () => new UnitBuilder();
