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

  registered() {
    return this.next('LandlordRegistered', { kind: 'individual', status: 'prospect' });
  }

  verified() {
    return this.next('LandlordVerified', { status: 'active' });
  }

  suspended(reason = 'unpaid service charges dispute') {
    return this.next('LandlordSuspended', { status: 'suspended', reason });
  }

  agreementSigned(agreementId: string = randomUUID()) {
    return this.next('AgreementSigned', {
      agreementId,
      scheme: 'head_lease',
      startDate: '2027-01-01',
      endDate: '2033-12-31',
      guaranteedMonthlyRent: 780,
    });
  }
}
