import { InvalidTransitionError } from '@hearth/platform';
import { Agreement, AgreementStatus } from './agreement.entity';

function anAgreement(status: AgreementStatus = 'draft'): Agreement {
  return Object.assign(new Agreement(), {
    id: '0b7f6a52-3c1e-4d52-9a55-1f0f7d0c2a11',
    landlordId: '5f1d2c3b-8e4a-4f6b-9c7d-2a1b3c4d5e6f',
    scheme: 'head_lease',
    startDate: '2027-01-01',
    endDate: '2033-12-31',
    guaranteedMonthlyRent: 780,
    coverage: { rentArrears: true, vacancy: true, damageCap: 2500, legalCosts: true },
    renovationLoan: null,
    propertyTaxReductionFiling: false,
    status,
    signedAt: null,
    endedOn: null,
    endReason: null,
  });
}

const SIGNED_AT = new Date('2026-11-20T10:30:00Z');

describe('Agreement', () => {
  describe('sign', () => {
    it('signs a draft agreement and records when', () => {
      const agreement = anAgreement('draft');

      agreement.sign(SIGNED_AT);

      expect(agreement.status).toBe('signed');
      expect(agreement.signedAt).toEqual(SIGNED_AT);
    });

    it.each<[AgreementStatus, string]>([
      ['signed', 'A signed agreement cannot be signed'],
      ['ended', 'An ended agreement cannot be signed'],
    ])('refuses to sign an agreement that is already %s, and leaves it untouched', (status, message) => {
      const agreement = anAgreement(status);

      expect(() => agreement.sign(SIGNED_AT)).toThrow(InvalidTransitionError);
      expect(() => agreement.sign(SIGNED_AT)).toThrow(message);
      expect(agreement.status).toBe(status);
      expect(agreement.signedAt).toBeNull();
    });

    it('refuses to sign twice with a 409 AGREEMENT.INVALID_TRANSITION, keeping the first signing date', () => {
      const agreement = anAgreement('draft');
      agreement.sign(SIGNED_AT);

      expect(() => agreement.sign(new Date('2026-12-01T00:00:00Z'))).toThrow(
        expect.objectContaining({ code: 'AGREEMENT.INVALID_TRANSITION', status: 409 }),
      );
      expect(agreement.signedAt).toEqual(SIGNED_AT);
    });
  });

  describe('end', () => {
    it('ends a signed agreement with the date and reason', () => {
      const agreement = anAgreement('signed');

      agreement.end('2030-06-30', 'owner sells the flat');

      expect(agreement).toMatchObject({ status: 'ended', endedOn: '2030-06-30', endReason: 'owner sells the flat' });
    });

    it('ends a signed agreement on its start date', () => {
      const agreement = anAgreement('signed');

      agreement.end('2027-01-01', 'owner withdrew before handover');

      expect(agreement.status).toBe('ended');
      expect(agreement.endedOn).toBe('2027-01-01');
    });

    it.each<[AgreementStatus, string]>([
      ['draft', 'A draft agreement cannot be ended'],
      ['ended', 'An ended agreement cannot be ended'],
    ])('refuses to end a %s agreement with a 409 AGREEMENT.INVALID_TRANSITION', (status, message) => {
      const agreement = anAgreement(status);

      expect(() => agreement.end('2030-06-30', 'reason')).toThrow(
        expect.objectContaining({ code: 'AGREEMENT.INVALID_TRANSITION', status: 409, message }),
      );
      expect(agreement.status).toBe(status);
      expect(agreement.endedOn).toBeNull();
    });

    it('refuses to end a signed agreement before it starts, and leaves it signed', () => {
      const agreement = anAgreement('signed');

      expect(() => agreement.end('2026-12-31', 'changed mind')).toThrow(
        expect.objectContaining({ code: 'AGREEMENT.END_BEFORE_START', status: 409 }),
      );
      expect(agreement.status).toBe('signed');
      expect(agreement.endedOn).toBeNull();
      expect(agreement.endReason).toBeNull();
    });

    it('refuses to end an agreement a second time, keeping the first end date and reason', () => {
      const agreement = anAgreement('signed');
      agreement.end('2030-06-30', 'owner sells the flat');

      expect(() => agreement.end('2031-01-31', 'again')).toThrow(InvalidTransitionError);
      expect(agreement).toMatchObject({ endedOn: '2030-06-30', endReason: 'owner sells the flat' });
    });
  });

  it('goes draft → signed → ended over its life', () => {
    const agreement = anAgreement('draft');
    const seen: AgreementStatus[] = [agreement.status];

    agreement.sign(SIGNED_AT);
    seen.push(agreement.status);
    agreement.end('2033-12-31', 'term reached');
    seen.push(agreement.status);

    expect(seen).toEqual(['draft', 'signed', 'ended']);
  });
});
