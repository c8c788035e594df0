import { FieldCipher } from '@hearth/platform';
import { Injectable } from '@nestjs/common';
import { MonthlyIncome } from './domain/affordability-rule';
import { duplicateKey } from './domain/duplicate-key';
import { AssessmentInput, BreakdownItem } from '../priority/domain/priority-policy';

export const REFERRAL_SOURCES = ['outreach_team', 'shelter', 'prison', 'hospital', 'care_leaving', 'ngo', 'self_referral', 'other'] as const;
export const LEGAL_STATUSES = [
  'citizen',
  'eu_citizen',
  'recognised_refugee',
  'subsidiary_protection',
  'asylum_seeker',
  'residence_permit',
  'undocumented',
  'other',
] as const;

export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export type LegalStatusKind = (typeof LEGAL_STATUSES)[number];

export interface PrimaryContact {
  fullName: string;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
}

/** Everything identifying about a household (households.personal_encrypted). */
export interface PersonalDetails {
  primaryContact: PrimaryContact;
  referral: { source: ReferralSource; organisation: string | null; note: string | null };
  legalStatus: { status: LegalStatusKind; note: string | null } | null;
  notes: string | null;
}

/** The sensitive side of needs (households.needs_encrypted): why, and the money behind maxRent. */
export interface NeedsDetails {
  bedroomsOverrideReason: string | null;
  excludedDistrictReasons: { district: string; reason: string }[];
  income: MonthlyIncome | null;
  maxRentReason: string | null;
}

/** An assessment's answers and notes (assessments.details_encrypted). */
export interface AssessmentDetails extends AssessmentInput {
  vulnerabilityDetails: string | null;
  notes: string | null;
}

/** Where a ciphertext belongs; bound into it, so a value moved to another row or column does not decrypt. */
export const VaultContext = {
  personal: (householdId: string) => `household:${householdId}:personal`,
  needs: (householdId: string) => `household:${householdId}:needs`,
  statusNote: (householdId: string) => `household:${householdId}:status-note`,
  breakdown: (householdId: string) => `household:${householdId}:breakdown`,
  assessment: (assessmentId: string) => `assessment:${assessmentId}`,
  consentNote: (consentId: string) => `consent:${consentId}:note`,
};

/** The one place personal data is encrypted and decrypted, and duplicate keys computed. */
@Injectable()
export class PersonalDataVault {
  private readonly duplicateHashKey: Buffer;

  constructor(private readonly cipher: FieldCipher) {
    this.duplicateHashKey = cipher.deriveKey('applicants:duplicate-key:v1');
  }

  seal(context: string, value: unknown): string {
    return this.cipher.encryptJson(value, context);
  }

  sealOptional(context: string, value: string | null | undefined): string | null {
    return value ? this.seal(context, value) : null;
  }

  open<T>(context: string, token: string): T {
    return this.cipher.decryptJson<T>(token, context);
  }

  openOptional<T>(context: string, token: string | null): T | null {
    return token === null ? null : this.open<T>(context, token);
  }

  openBreakdown(householdId: string, token: string | null): BreakdownItem[] | null {
    return this.openOptional<BreakdownItem[]>(VaultContext.breakdown(householdId), token);
  }

  duplicateKey(fullName: string, dateOfBirth: string): string {
    return duplicateKey(this.duplicateHashKey, fullName, dateOfBirth);
  }
}
