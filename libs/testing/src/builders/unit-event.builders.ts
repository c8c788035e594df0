import { randomUUID } from 'node:crypto';
import { anEnvelope, unitEventAttributes } from './event.builders';

/** The units service's events for one flat, numbered like its aggregate: what inspections and
 *  matching hear about a unit. */
export class UnitEventStream {
  private version: number;
  readonly unitId: string;
  readonly landlordId: string;
  private attributes: Record<string, unknown>;

  constructor(options: { unitId?: string; landlordId?: string; version?: number; attributes?: Record<string, unknown> } = {}) {
    this.unitId = options.unitId ?? randomUUID();
    this.landlordId = options.landlordId ?? randomUUID();
    this.version = options.version ?? 0;
    this.attributes = unitEventAttributes(options.attributes);
  }

  private next(type: string, payload: Record<string, unknown>) {
    this.version += 1;
    return anEnvelope({
      type,
      source: 'units',
      aggregateType: 'Unit',
      aggregateId: this.unitId,
      aggregateVersion: this.version,
      payload: { unitId: this.unitId, landlordId: this.landlordId, ...payload },
    });
  }

  with(field: string, value: unknown): this {
    this.attributes[field] = value;
    return this;
  }

  withBedrooms(bedrooms: number): this {
    return this.with('bedrooms', bedrooms);
  }

  forUpTo(occupants: number): this {
    return this.with('maxOccupants', occupants);
  }

  withRent(rent: number): this {
    return this.with('rent', rent);
  }

  inDistrict(district: string): this {
    return this.with('district', district);
  }

  inBuilding(buildingId: string): this {
    return this.with('buildingId', buildingId);
  }

  wheelchairAccessible(): this {
    return this.with('wheelchairAccessible', true).with('stepFree', true);
  }

  notAllowingPets(): this {
    return this.with('petsAllowed', false);
  }

  /** The attributes the engine reads, as they will appear in matching's pool and in a census. */
  get engineAttributes() {
    const a = this.attributes;
    return {
      id: this.unitId,
      buildingId: a.buildingId as string,
      district: a.district as string,
      bedrooms: a.bedrooms as number,
      maxOccupants: a.maxOccupants as number,
      rent: a.rent as number,
      wheelchairAccessible: a.wheelchairAccessible as boolean,
      stepFree: a.stepFree as boolean,
      petsAllowed: a.petsAllowed as boolean,
    };
  }

  becameAvailable() {
    return this.next('UnitBecameAvailable', this.attributes);
  }

  reserved(offerId: string = randomUUID()) {
    return this.next('UnitReserved', { offerId });
  }

  released(offerId: string = randomUUID()) {
    return this.next('UnitReleased', { offerId });
  }

  let(leaseId: string = randomUUID()) {
    return this.next('UnitLet', { leaseId });
  }

  vacating(vacatingOn: string, leaseId: string = randomUUID()) {
    return this.next('UnitVacating', { leaseId, vacatingOn });
  }

  suspendedForRepairs(inspectionId: string = randomUUID()) {
    return this.next('UnitSuspendedForRepairs', { inspectionId });
  }

  drafted() {
    return this.next('UnitDrafted', this.attributes);
  }

  updated(changes: Record<string, unknown>) {
    this.attributes = { ...this.attributes, ...changes };
    return this.next('UnitUpdated', this.attributes);
  }

  submitted() {
    return this.next('UnitSubmittedForInspection', this.attributes);
  }

  withdrawn(reason = 'owner moves back in') {
    return this.next('UnitWithdrawn', { reason });
  }
}

/** A flat that has already been drafted, submitted and inspected elsewhere (its versions 1–3), in
 *  a building of its own: what matching hears from UnitBecameAvailable on. */
export class UnitAvailabilityStream extends UnitEventStream {
  constructor(options: { unitId?: string; landlordId?: string; version?: number } = {}) {
    super({ version: 3, ...options, attributes: { buildingId: `bld-${randomUUID().slice(0, 8)}` } });
  }
}
