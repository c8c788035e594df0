import { Actor } from '@hearth/auth';
import { currentCorrelationId } from '@hearth/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPurpose } from './access-purpose';
import { AccessLogEntry, PersonalDataAccess } from './domain/access-log-entry.entity';
import { Assessment } from './domain/assessment.entity';
import { Consent } from './domain/consent.entity';
import { Household } from './domain/household.entity';
import { HouseholdErasedError } from './household.errors';
import { AssessmentDetails, NeedsDetails, PersonalDataVault, PersonalDetails, VaultContext } from './personal-data';

/** Decrypts a household's personal data, and records every read of it in the access log. */
@Injectable()
export class PersonalDataReader {
  constructor(private readonly vault: PersonalDataVault) {}

  /** Writes the access-log row in the caller's transaction: no read without its record. */
  async recordAccess(manager: EntityManager, household: Household, actor: Actor, purpose: AccessPurpose, access: PersonalDataAccess): Promise<void> {
    await this.recordAccesses(manager, [household.id], actor, purpose, access);
  }

  /** One access-log row per household read (a page of the board's waitlist reads each one's breakdown). */
  async recordAccesses(manager: EntityManager, householdIds: string[], actor: Actor, purpose: AccessPurpose, access: PersonalDataAccess): Promise<void> {
    if (householdIds.length === 0) return;
    const correlationId = currentCorrelationId() ?? null;
    const accessedAt = new Date();
    await manager.insert(
      AccessLogEntry,
      householdIds.map((householdId) => ({ householdId, actorId: actor.id, actorRole: actor.role, purpose, access, correlationId, accessedAt })),
    );
  }

  async personalData(manager: EntityManager, household: Household) {
    if (household.isErased) throw new HouseholdErasedError(household.reference);
    const personal = this.vault.open<PersonalDetails>(VaultContext.personal(household.id), household.personalEncrypted!);
    const current = household.currentAssessmentId ? await manager.findOneByOrFail(Assessment, { id: household.currentAssessmentId }) : null;
    return {
      householdId: household.id,
      reference: household.reference,
      status: household.status,
      ...personal,
      needs: this.vault.openOptional<NeedsDetails>(VaultContext.needs(household.id), household.needsEncrypted),
      statusNote: this.vault.openOptional<string>(VaultContext.statusNote(household.id), household.statusNoteEncrypted),
      currentAssessment: current && this.assessmentView(current),
      scoreBreakdown: this.vault.openBreakdown(household.id, household.priorityBreakdownEncrypted),
      consents: await this.consents(manager, household.id),
    };
  }

  assessmentView(assessment: Assessment) {
    return {
      id: assessment.id,
      assessedOn: assessment.assessedOn,
      assessedBy: assessment.assessedBy,
      assessedRole: assessment.assessedRole,
      score: assessment.score,
      policyVersion: assessment.policyVersion,
      details: this.vault.openOptional<AssessmentDetails>(VaultContext.assessment(assessment.id), assessment.detailsEncrypted),
    };
  }

  async consents(manager: EntityManager, householdId: string) {
    const consents = await manager.find(Consent, { where: { householdId }, order: { recordedAt: 'DESC' } });
    return consents.map((consent) => ({
      id: consent.id,
      scope: consent.scope,
      givenOn: consent.givenOn,
      givenBy: consent.givenBy,
      recordedBy: consent.recordedBy,
      recordedAt: consent.recordedAt,
      endedOn: consent.endedOn,
      endReason: consent.endReason,
      endedBy: consent.endedBy,
      note: this.vault.openOptional<string>(VaultContext.consentNote(consent.id), consent.noteEncrypted),
    }));
  }
}
