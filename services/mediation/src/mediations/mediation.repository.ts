import { Actor, isStaff } from '@hearth/auth';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseScope, visibilityOf, Visibility } from '../access';
import { Complaint } from '../complaints/domain/complaint.entity';
import { MediationRules } from '../config';
import { KnownHousehold } from '../directory/known-household.entity';
import { MediationNotFoundError } from '../mediation.errors';
import { MediationVault, VaultContext } from '../vault';
import { CommitteeMember, Mediation, MediationAgreement, MediationSession } from './domain/mediation.entity';

export interface LoadedMediation {
  mediation: Mediation;
  complaints: Complaint[];
  sessions: MediationSession[];
  committee: CommitteeMember[];
  agreement: MediationAgreement | null;
  caseworkerId: string | null;
}

@Injectable()
export class MediationRepository {
  constructor(
    private readonly store: AggregateStore,
    private readonly rules: MediationRules,
  ) {}

  async load(manager: EntityManager, id: string, { forUpdate = false } = {}): Promise<LoadedMediation> {
    const mediation = await manager.findOne(Mediation, { where: { id }, ...(forUpdate && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!mediation) throw new MediationNotFoundError(id);
    const complaints = await manager.find(Complaint, { where: { mediationId: id }, order: { receivedAt: 'ASC' } });
    const sessions = await manager.find(MediationSession, { where: { mediationId: id }, order: { heldOn: 'ASC' } });
    const committee = await manager.find(CommitteeMember, { where: { mediationId: id }, order: { role: 'ASC' } });
    const agreement = await manager.findOneBy(MediationAgreement, { mediationId: id });
    const household = mediation.householdId ? await manager.findOneBy(KnownHousehold, { householdId: mediation.householdId }) : null;
    return { mediation, complaints, sessions, committee, agreement, caseworkerId: household?.caseworkerId ?? null };
  }

  /** Row-locked, for staff or a mediator assigned to it (committee steps: also a committee member); anyone else gets 404. */
  async loadForChange(manager: EntityManager, id: string, actor: Actor, { committee = false } = {}): Promise<LoadedMediation> {
    const loaded = await this.load(manager, id, { forUpdate: true });
    const allowed =
      isStaff(actor) ||
      (actor.role === 'mediator' && (loaded.mediation.mediatorIds.includes(actor.id) || (committee && loaded.committee.some((member) => member.memberRef === actor.id))));
    if (!allowed) throw new MediationNotFoundError(id);
    return loaded;
  }

  save(manager: EntityManager, mediation: Mediation, events: (version: number) => NewEvent[]): Promise<Mediation> {
    mediation.lastActivityAt = this.rules.now();
    return this.store.save(manager, Mediation, mediation, events);
  }
}

export function mediationScope(loaded: LoadedMediation): CaseScope {
  return {
    householdCaseworkerId: loaded.caseworkerId,
    handlerIds: [...loaded.mediation.mediatorIds, ...loaded.committee.map((member) => member.memberRef)],
    landlordId: loaded.mediation.landlordId,
  };
}

export function mediationEventRef(mediation: Mediation) {
  return { mediationId: mediation.id, unitId: mediation.unitId, tenancyId: mediation.tenancyId };
}

/**
 * A mediation as `actor` may read it. A landlord owning the flat sees that a case exists, its step,
 * status and outcome: never the notes, the agreement's wording or who complained. Mediation notes
 * are for the agency, the mediators, the committee and the household's caseworker.
 */
export function toMediationView(loaded: LoadedMediation, actor: Actor, rules: MediationRules, vault: MediationVault) {
  const { mediation } = loaded;
  const visibility: Visibility = visibilityOf(actor, mediationScope(loaded));
  const summary = {
    id: mediation.id,
    version: mediation.version,
    unitId: mediation.unitId,
    tenancyId: mediation.tenancyId,
    status: mediation.status,
    currentStep: mediation.currentStep,
    openedOn: mediation.openedOn,
    outcome: mediation.outcome,
    closedOn: mediation.closedOn,
    visibility,
  };
  if (visibility !== 'full') return summary;
  const today = rules.today();
  return {
    ...summary,
    householdId: mediation.householdId,
    mediatorIds: mediation.mediatorIds,
    exclusion: mediation.exclusion,
    complaints: loaded.complaints.map((complaint) => ({ id: complaint.id, category: complaint.category, intensity: complaint.intensity, receivedOn: complaint.receivedOn, complainantKind: complaint.complainantKind })),
    sessions: loaded.sessions.map((session) => ({
      id: session.id,
      step: session.step,
      heldOn: session.heldOn,
      attendees: session.attendees,
      result: session.result,
      notes: vault.openOptional<string>(VaultContext.sessionNotes(session.id), session.notesEncrypted),
    })),
    committee: {
      members: loaded.committee.map((member) => ({ ref: member.memberRef, kind: member.kind, role: member.role })),
      decision: mediation.committeeDecision,
      decidedOn: mediation.committeeDecidedOn,
      reasons: vault.openOptional<string>(VaultContext.committeeReasons(mediation.id), mediation.committeeReasonsEncrypted),
    },
    agreement: loaded.agreement
      ? {
          id: loaded.agreement.id,
          reachedOn: loaded.agreement.reachedOn,
          commitments: vault.openOptional<{ party: string; commitment: string }[]>(VaultContext.agreement(loaded.agreement.id), loaded.agreement.commitmentsEncrypted),
          followUpOn: loaded.agreement.followUpOn,
          followUpDue: loaded.agreement.followedUpOn === null && loaded.agreement.followUpOn <= today,
          followedUpOn: loaded.agreement.followedUpOn,
          followUpResult: loaded.agreement.followUpResult,
          followUpNotes: vault.openOptional<string>(VaultContext.followUpNotes(loaded.agreement.id), loaded.agreement.followUpNotesEncrypted),
        }
      : null,
  };
}

export type MediationView = ReturnType<typeof toMediationView>;
