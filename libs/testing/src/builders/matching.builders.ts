import { randomInt, randomUUID } from 'node:crypto';
import { anEnvelope } from './event.builders';

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A household reference like HX-7Q2K9 (the applicants service's format). */
export function aHouseholdReference(): string {
  return `HX-${Array.from({ length: 6 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`;
}

/** The applicants service's events for one household, from the moment it is waitlisted: what matching hears. */
export class HouseholdWaitlistStream {
  private version: number;
  readonly householdId = randomUUID();
  readonly reference = aHouseholdReference();
  private attributes: Record<string, unknown> = {
    programme: 'housing_first',
    householdSize: 2,
    bedroomsNeeded: 1,
    maxRent: 800,
    wheelchair: false,
    stepFree: false,
    pets: false,
    excludedDistricts: [],
    preferredDistricts: [],
    priority: 50,
    waitingSince: '2024-03-01',
  };

  /** Starts after registration, consent and assessment (the household's first events). */
  constructor(options: { version?: number } = {}) {
    this.version = options.version ?? 3;
  }

  with(field: string, value: unknown): this {
    this.attributes[field] = value;
    return this;
  }

  withHouseholdSize(size: number): this {
    return this.with('householdSize', size);
  }

  needingBedrooms(bedrooms: number): this {
    return this.with('bedroomsNeeded', bedrooms);
  }

  withMaxRent(maxRent: number): this {
    return this.with('maxRent', maxRent);
  }

  withPriority(priority: number): this {
    return this.with('priority', priority);
  }

  waitingSince(date: string): this {
    return this.with('waitingSince', date);
  }

  preferring(...districts: string[]): this {
    return this.with('preferredDistricts', districts);
  }

  excluding(...districts: string[]): this {
    return this.with('excludedDistricts', districts);
  }

  usingAWheelchair(): this {
    return this.with('wheelchair', true).with('stepFree', true);
  }

  withPets(): this {
    return this.with('pets', true);
  }

  private next(type: string, payload: Record<string, unknown>, eventVersion = 1) {
    this.version += 1;
    return anEnvelope({
      type,
      version: eventVersion,
      source: 'applicants',
      aggregateType: 'Household',
      aggregateId: this.householdId,
      aggregateVersion: this.version,
      payload: { householdId: this.householdId, reference: this.reference, ...payload },
    });
  }

  waitlisted() {
    return this.next('ApplicantWaitlisted', { ...this.attributes, status: 'waitlisted' });
  }

  /** A full snapshot after a change; apply the change with the setters first. */
  needsChanged(status = 'waitlisted') {
    return this.next('ApplicantNeedsChanged', { ...this.attributes, status });
  }

  /** Staff gave the household another caseworker (or none), whatever its status; later events carry it too. */
  caseworkerAssigned(caseworkerId: string | null) {
    this.attributes.caseworkerId = caseworkerId;
    return this.next('CaseworkerAssigned', { caseworkerId });
  }

  /** Applicants' answer to OfferMade: the household is out of the pool while the offer is open. */
  offered(offerId: string) {
    return this.next('ApplicantOffered', { status: 'offered', offerId });
  }

  /** Unavailable for now; the reason stays in applicants (version 2). */
  paused() {
    return this.next('ApplicantPaused', { status: 'paused' }, 2);
  }

  /** As applicants published it before version 2: with the reason. */
  pausedV1(reason = 'in_treatment') {
    return this.next('ApplicantPaused', { status: 'paused', reason });
  }

  /** Back on the waitlist, with the matching attributes. */
  resumed() {
    return this.next('ApplicantResumed', { ...this.attributes, status: 'waitlisted' });
  }

  withdrawn() {
    return this.next('ApplicantWithdrawn', { status: 'withdrawn' }, 2);
  }

  withdrawnV1(reason = 'deceased') {
    return this.next('ApplicantWithdrawn', { status: 'withdrawn', reason });
  }

  exited() {
    return this.next('ApplicantExited', { status: 'exited' }, 2);
  }

  exitedV1(reason = 'moved_away') {
    return this.next('ApplicantExited', { status: 'exited', reason });
  }

  consentWithdrawn(withdrawnOn = new Date().toISOString().slice(0, 10)) {
    return this.next('ConsentWithdrawn', { status: 'paused', withdrawnOn });
  }

  erased(erasedOn = new Date().toISOString().slice(0, 10)) {
    return this.next('ApplicantErased', { status: 'exited', erasedOn });
  }
}
