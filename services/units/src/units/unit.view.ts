import { Unit } from './domain/unit.entity';

export function toUnitView(unit: Unit) {
  return {
    id: unit.id,
    version: unit.version,
    landlordId: unit.landlordId,
    status: unit.status,
    /** initial_inspection | repairs while pending_inspection. */
    pendingReason: unit.pendingReason,
    address: unit.address,
    postalCode: unit.postalCode,
    city: unit.city,
    districtCode: unit.districtCode,
    buildingId: unit.buildingId,
    type: unit.type,
    bedrooms: unit.bedrooms,
    floorArea: unit.floorArea,
    floor: unit.floor,
    elevator: unit.elevator,
    stepFree: unit.stepFree,
    wheelchairAccessible: unit.wheelchairAccessible,
    maxOccupants: unit.maxOccupants,
    rent: unit.rent,
    serviceCharges: unit.serviceCharges,
    energyLabel: unit.energyLabel,
    petsAllowed: unit.petsAllowed,
    furnished: unit.furnished,
    availableFrom: unit.availableFrom,
    withdrawalReason: unit.withdrawalReason,
    createdAt: unit.createdAt,
    updatedAt: unit.updatedAt,
  };
}

export type UnitView = ReturnType<typeof toUnitView>;

/** The flat as other services see it in events (no owner details beyond the landlord id). */
export function toUnitEventAttributes(unit: Unit) {
  return {
    unitId: unit.id,
    landlordId: unit.landlordId,
    buildingId: unit.buildingId,
    district: unit.districtCode,
    postalCode: unit.postalCode,
    city: unit.city,
    address: unit.address,
    type: unit.type,
    bedrooms: unit.bedrooms,
    floorArea: unit.floorArea,
    maxOccupants: unit.maxOccupants,
    rent: unit.rent,
    serviceCharges: unit.serviceCharges,
    wheelchairAccessible: unit.wheelchairAccessible,
    stepFree: unit.stepFree,
    petsAllowed: unit.petsAllowed,
    availableFrom: unit.availableFrom,
  };
}
