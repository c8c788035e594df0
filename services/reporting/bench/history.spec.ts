import { validatePayload } from '@hearth/contracts';
import { syntheticHistory } from './history';

describe('the benchmark’s synthetic history', () => {
  it('is made of valid events, each aggregate in version order, with the tenancies asked for', () => {
    const { events, counts, lastDay } = syntheticHistory({ households: 300, flats: 120, tenancies: 80, years: 2, start: '2021-01-01' });
    expect(lastDay).toBe('2022-12-31');
    expect(counts.tenancies).toBe(80);
    expect(counts.OfferAccepted).toBe(80);
    expect(counts.UnitLet).toBe(80);
    expect(counts.TenancyStarted).toBe(80);
    expect(counts.TenancyEnded).toBeGreaterThan(0);
    expect(counts.RentArrearsChanged).toBeGreaterThan(0);
    for (const type of ['RentCharged', 'PaymentRecorded', 'GuaranteeClaimOpened', 'GuaranteeClaimDecided', 'GuaranteeClaimPaid']) expect(counts[type]).toBeGreaterThan(0);
    const lastVersion = new Map<string, number>();
    for (const event of events) {
      const envelope = JSON.parse(event.value);
      expect(() => validatePayload(envelope.type, envelope.version, envelope.payload)).not.toThrow();
      expect(event.key).toBe(envelope.aggregateId);
      expect(envelope.aggregateVersion).toBe((lastVersion.get(envelope.aggregateId) ?? 0) + 1);
      lastVersion.set(envelope.aggregateId, envelope.aggregateVersion);
    }
  });
});
