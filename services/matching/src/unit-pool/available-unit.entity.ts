import { Unit } from '@hearth/matching-engine';
import { numericColumn } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PoolUnitStatus = 'available' | 'reserved' | 'let' | 'pending_inspection' | 'withdrawn';

/**
 * What matching knows of a unit, built from hearth.units events. Only `available` units are
 * candidates for shortlists, runs and offers. Matching also marks a unit `reserved` itself the
 * moment an offer for it is accepted, so it is not offered again while units catches up; the next
 * unit event (a newer aggregate version) takes over.
 */
@Entity('available_units')
export class AvailableUnit {
  @PrimaryColumn('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('text', { name: 'building_id' }) buildingId: string;
  @Column('text') district: string;
  @Column('int') bedrooms: number;
  @Column('int', { name: 'max_occupants' }) maxOccupants: number;
  @Column('numeric', { precision: 10, scale: 2, transformer: numericColumn }) rent: number;
  @Column('boolean', { name: 'wheelchair_accessible' }) wheelchairAccessible: boolean;
  @Column('boolean', { name: 'step_free' }) stepFree: boolean;
  @Column('boolean', { name: 'pets_allowed' }) petsAllowed: boolean;
  @Column('text') status: PoolUnitStatus;
  /** The unit aggregate version last applied; older or repeated events change nothing. */
  @Column('int', { name: 'unit_version' }) unitVersion: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;

  get isAvailable(): boolean {
    return this.status === 'available';
  }
}

/** The unit as the engine reads it (docs/matching-rules.md#instance). */
export function toEngineUnit(unit: AvailableUnit): Unit {
  return {
    id: unit.unitId,
    buildingId: unit.buildingId,
    district: unit.district,
    bedrooms: unit.bedrooms,
    maxOccupants: unit.maxOccupants,
    rent: unit.rent,
    wheelchairAccessible: unit.wheelchairAccessible,
    stepFree: unit.stepFree,
    petsAllowed: unit.petsAllowed,
  };
}
