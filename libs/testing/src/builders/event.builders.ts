import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** An event envelope as another service's outbox would publish it. */
export function anEnvelope(fields: {
  type: string;
  source: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  payload: unknown;
  version?: number;
  id?: string;
}) {
  return {
    id: fields.id ?? uuidv7(),
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: { id: 'staff-1', role: 'sra_staff' },
    ...fields,
  };
}

/** The landlords service's events for one landlord, numbered like its aggregate. */
export class LandlordEventStream {
  private version = 0;
  readonly landlordId = randomUUID();

  private next(type: string, payload: Record<string, unknown>) {
    this.version += 1;
    return anEnvelope({
      type,
      source: 'landlords',
      aggregateType: 'Landlord',
      aggregateId: this.landlordId,
      aggregateVersion: this.version,
      payload: { landlordId: this.landlordId, ...payload },
    });
  }

  registered(preferredLanguage?: string) {
    return this.next('LandlordRegistered', { kind: 'individual', status: 'prospect', ...(preferredLanguage && { preferredLanguage }) });
  }

  verified() {
    return this.next('LandlordVerified', { status: 'active' });
  }

  suspended(reason = 'unpaid service charges dispute') {
    return this.next('LandlordSuspended', { status: 'suspended', reason });
  }

  /** AgreementSigned version 1 (scheme, dates and guaranteed rent only), as published before coverage and loans were added. */
  agreementSigned(agreementId: string = randomUUID()) {
    return this.next('AgreementSigned', {
      agreementId,
      scheme: 'head_lease',
      startDate: '2027-01-01',
      endDate: '2033-12-31',
      guaranteedMonthlyRent: 780,
    });
  }

  /** AgreementSigned version 2: with the guarantee's coverage and the renovation loan. */
  agreementSignedWithTerms(terms: Record<string, unknown> = {}, agreementId: string = randomUUID()) {
    const event = this.next('AgreementSigned', {
      agreementId,
      scheme: 'head_lease',
      startDate: '2026-01-01',
      endDate: '2033-12-31',
      guaranteedMonthlyRent: 780,
      coverage: { rentArrears: true, vacancy: true, damageCap: 2500, legalCosts: true },
      renovationLoan: { amount: 12000, monthlyRepayment: 150 },
      ...terms,
    });
    return { ...event, version: 2 };
  }
}

/** A flat's attributes as unit events carry them (without its ids): a two-bedroom ground-floor
 *  flat, step-free; tests change what they are about. */
export function unitEventAttributes(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    buildingId: 'bld-rue-haute-120',
    district: 'BXL-C',
    postalCode: '1000',
    city: 'Brussels',
    address: 'Rue Haute 120',
    type: 'apartment',
    bedrooms: 2,
    floorArea: 68,
    maxOccupants: 4,
    rent: 690,
    serviceCharges: 45,
    wheelchairAccessible: false,
    stepFree: true,
    petsAllowed: true,
    availableFrom: '2027-02-01',
    ...overrides,
  };
}
