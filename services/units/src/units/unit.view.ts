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

/**
 * The columns of `units` under the names and in the order of toUnitView, for reads that skip
 * TypeORM (decision 0082): numeric as float8 (the same number as numericColumn's `Number(text)`),
 * the date as its ISO text (as TypeORM answers a `date` column), timestamps as the driver's Dates.
 */
export const UNIT_VIEW_COLUMNS = `id, version, landlord_id AS "landlordId", status, pending_reason AS "pendingReason",
  address, postal_code AS "postalCode", city, district_code AS "districtCode", building_id AS "buildingId",
  type, bedrooms, floor_area::float8 AS "floorArea", floor, elevator, step_free AS "stepFree",
  wheelchair_accessible AS "wheelchairAccessible", max_occupants AS "maxOccupants", rent::float8 AS rent,
  service_charges::float8 AS "serviceCharges", energy_label AS "energyLabel", pets_allowed AS "petsAllowed",
  furnished, available_from::text AS "availableFrom", withdrawal_reason AS "withdrawalReason",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

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
