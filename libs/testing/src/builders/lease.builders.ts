import { randomUUID } from 'node:crypto';
import { anEnvelope } from './event.builders';

/** The leases service's events for one tenancy, numbered like its aggregate. */
export class TenancyEventStream {
  private version = 0;
  readonly tenancyId = randomUUID();

  constructor(readonly tenancy: { unitId: string; householdId: string; reference: string; landlordId: string }) {}

  private next(type: string, payload: Record<string, unknown>) {
    this.version += 1;
    const { landlordId: _landlordId, ...ref } = this.tenancy;
    return anEnvelope({
      type,
      source: 'leases',
      aggregateType: 'Tenancy',
      aggregateId: this.tenancyId,
      aggregateVersion: this.version,
      payload: { tenancyId: this.tenancyId, ...ref, ...payload },
    });
  }

  started(startDate = '2027-01-15') {
    return this.next('TenancyStarted', { landlordId: this.tenancy.landlordId, startDate, rentCents: 69_000, serviceChargesCents: 4_500 });
  }

  noticeGiven(endsOn = '2027-06-30', reason = 'moved_to_permanent_housing') {
    return this.next('TenancyNoticeGiven', { noticeGivenOn: '2027-03-01', endsOn, givenBy: 'household', reason });
  }
}
