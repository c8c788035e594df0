import { Actor } from '@hearth/auth';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseScope, mayHandle, visibilityOf } from '../access';
import { MediationRules } from '../config';
import { KnownHousehold } from '../directory/known-household.entity';
import { ComplaintNotFoundError } from '../mediation.errors';
import { Complaint, ComplaintStage } from './domain/complaint.entity';

export interface LoadedComplaint {
  complaint: Complaint;
  stages: ComplaintStage[];
  scope: CaseScope;
}

@Injectable()
export class ComplaintRepository {
  constructor(
    private readonly store: AggregateStore,
    private readonly rules: MediationRules,
  ) {}

  async load(manager: EntityManager, id: string, { forUpdate = false } = {}): Promise<LoadedComplaint> {
    const complaint = await manager.findOne(Complaint, { where: { id }, ...(forUpdate && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!complaint) throw new ComplaintNotFoundError(id);
    const stages = await manager.find(ComplaintStage, { where: { complaintId: id }, order: { stage: 'ASC' } });
    const household = complaint.householdId ? await manager.findOneBy(KnownHousehold, { householdId: complaint.householdId }) : null;
    return { complaint, stages, scope: scopeOf(complaint, stages, household?.caseworkerId ?? null) };
  }

  /** A complaint to change: row-locked; only staff or its handler may, anyone else gets 404. */
  async loadForHandling(manager: EntityManager, id: string, actor: Actor): Promise<LoadedComplaint> {
    const loaded = await this.load(manager, id, { forUpdate: true });
    if (!mayHandle(actor, loaded.scope.handlerIds)) {
      // Someone who may see it but not handle it gets 404 too: the action does not exist for them.
      throw new ComplaintNotFoundError(id);
    }
    return loaded;
  }

  save(manager: EntityManager, complaint: Complaint, events: (version: number) => NewEvent[]): Promise<Complaint> {
    complaint.lastActivityAt = this.rules.now();
    return this.store.save(manager, Complaint, complaint, events);
  }
}

export function scopeOf(complaint: Complaint, stages: readonly ComplaintStage[], householdCaseworkerId: string | null): CaseScope {
  return {
    householdCaseworkerId,
    handlerIds: [complaint.handlerId, ...stages.map((stage) => stage.handlerId)].filter((id): id is string => id !== null),
    filedBy: complaint.filedBy,
    landlordId: complaint.landlordId,
  };
}

export function currentStage(loaded: LoadedComplaint): ComplaintStage {
  const stage = loaded.stages.find((candidate) => candidate.stage === loaded.complaint.stage);
  if (!stage) throw new Error(`complaint ${loaded.complaint.id} has no stage ${loaded.complaint.stage}`);
  return stage;
}

export { visibilityOf };

/** The fields every complaint event starts with. */
export function complaintEventRef(complaint: Complaint) {
  return { complaintId: complaint.id, unitId: complaint.unitId, tenancyId: complaint.tenancyId };
}
