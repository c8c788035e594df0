import { FieldCipher } from '@hearth/platform';
import { Injectable } from '@nestjs/common';

/** Where a ciphertext belongs; bound into it, so a value moved to another row or column does not decrypt. */
export const VaultContext = {
  neighbour: (id: string) => `neighbour:${id}:personal`,
  complaintDescription: (id: string) => `complaint:${id}:description`,
  complaintAnswer: (id: string, stage: number) => `complaint:${id}:stage-${stage}:answer`,
  complaintExtension: (id: string, stage: number) => `complaint:${id}:stage-${stage}:extension`,
  reviewResolution: (id: string) => `case-review:${id}:resolution`,
  consentNote: (id: string) => `preparation:${id}:consent-note`,
  meetingNotes: (id: string) => `preparation:${id}:meeting-notes`,
  buddy: (id: string) => `preparation:${id}:buddy`,
  taskResult: (id: string) => `task:${id}:result`,
  buddyContact: (id: string) => `buddy-contact:${id}:note`,
  sessionNotes: (id: string) => `session:${id}:notes`,
  committeeReasons: (id: string) => `mediation:${id}:committee-reasons`,
  agreement: (id: string) => `agreement:${id}:commitments`,
  followUpNotes: (id: string) => `agreement:${id}:follow-up`,
};

/** The one place this service's personal data and notes are encrypted and decrypted (MEDIATION_DATA_KEY). */
@Injectable()
export class MediationVault {
  constructor(private readonly cipher: FieldCipher) {}

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
}
