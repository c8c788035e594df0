import { numericColumn, VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { nextUnitStatus, PendingReason, pendingReasonAfter, UnitStatus, UnitTransition } from './unit-status';

export type UnitType = 'studio' | 'apartment' | 'house' | 'room';
export type EnergyLabel = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';


/** The attributes a landlord or staff member describes a flat with; editable while draft. */
export interface UnitAttributes {
  address: string;
  postalCode: string;
  city: string;
  districtCode: string;
  buildingId: string;
  type: UnitType;
  bedrooms: number;
  floorArea: number;
  floor: number;
  elevator: boolean;
  stepFree: boolean;
  wheelchairAccessible: boolean;
  maxOccupants: number;
  rent: number;
  serviceCharges: number;
  energyLabel: EnergyLabel;
  petsAllowed: boolean;
  furnished: boolean;
  availableFrom: string | null;
}

@Entity('units')
export class Unit extends VersionedEntity implements UnitAttributes {
  @Column('uuid', { name: 'landlord_id' }) landlordId: string;
  @Column('text') status: UnitStatus;
  @Column('text') address: string;
  @Column('text', { name: 'postal_code' }) postalCode: string;
  @Column('text') city: string;
  @Column('text', { name: 'district_code' }) districtCode: string;
  @Column('text', { name: 'building_id' }) buildingId: string;
  @Column('text') type: UnitType;
  @Column('int') bedrooms: number;
  @Column('numeric', { name: 'floor_area', precision: 8, scale: 2, transformer: numericColumn }) floorArea: number;
  @Column('int') floor: number;
  @Column('boolean') elevator: boolean;
  @Column('boolean', { name: 'step_free' }) stepFree: boolean;
  @Column('boolean', { name: 'wheelchair_accessible' }) wheelchairAccessible: boolean;
  @Column('int', { name: 'max_occupants' }) maxOccupants: number;
  @Column('numeric', { precision: 10, scale: 2, transformer: numericColumn }) rent: number;
  @Column('numeric', { name: 'service_charges', precision: 10, scale: 2, transformer: numericColumn }) serviceCharges: number;
  @Column('text', { name: 'energy_label' }) energyLabel: EnergyLabel;
  @Column('boolean', { name: 'pets_allowed' }) petsAllowed: boolean;
  @Column('boolean') furnished: boolean;
  @Column('date', { name: 'available_from', nullable: true }) availableFrom: string | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
  /** The accepted offer a reserved flat is held for. */
  @Column('uuid', { name: 'reserved_offer_id', nullable: true }) reservedOfferId: string | null;
  /** Set while pending_inspection; null on flats that went pending before it was recorded. */
  @Column('text', { name: 'pending_reason', nullable: true }) pendingReason: PendingReason | null;

  apply(transition: UnitTransition): void {
    this.status = nextUnitStatus(this.status, transition);
    this.pendingReason = pendingReasonAfter(transition);
  }
}
