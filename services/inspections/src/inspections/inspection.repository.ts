import { Actor } from '@hearth/auth';
import { ActorRef, InspectionRequested } from '@hearth/contracts';
import { AggregateStore, newEvent, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In } from 'typeorm';
import { KnownUnit } from '../unit-directory/known-unit.entity';
import { CURRENT_CHECKLIST } from './domain/checklist';
import { Inspection, InspectionTrigger, InspectionType } from './domain/inspection.entity';
import { InspectionHistoryAction, InspectionHistoryEntry } from './domain/inspection-history.entity';
import { OPEN_STATUSES } from './domain/inspection-status';
import { assertCanRecordInspection } from './inspection-access';
import { InspectionNotFoundError, UnitUnknownError, UnitWithdrawnError } from './inspection.errors';
import { toInspectionEventRef } from './inspection.view';

export interface NewRequest {
  unit: Pick<KnownUnit, 'id' | 'landlordId'>;
  type: InspectionType;
  trigger: InspectionTrigger;
  reinspectionOf?: string | null;
  triggerUnitVersion?: number | null;
  note?: string | null;
}

@Injectable()
export class InspectionRepository {
  constructor(private readonly store: AggregateStore) {}

  /** Loads an inspection for a change, row-locked. With an actor: only staff or the assigned
   *  inspector may change it; anyone else gets 404. */
  async getForUpdate(manager: EntityManager, id: string, actor?: Actor): Promise<Inspection> {
    const inspection = await manager.findOne(Inspection, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!inspection) throw new InspectionNotFoundError(id);
    if (actor) assertCanRecordInspection(actor, inspection);
    return inspection;
  }

  save(manager: EntityManager, inspection: Inspection, events: (version: number) => NewEvent[]): Promise<Inspection> {
    return this.store.save(manager, Inspection, inspection, events);
  }

  /** The unit as hearth.units announced it, row-locked so that requests for one unit are taken
   *  one at a time (no duplicate open requests). */
  async unitForRequest(manager: EntityManager, unitId: string): Promise<KnownUnit> {
    const unit = await manager.findOne(KnownUnit, { where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
    if (!unit) throw new UnitUnknownError(unitId);
    if (unit.withdrawn) throw new UnitWithdrawnError(unitId);
    return unit;
  }

  /** Requested or scheduled inspections matching the criteria, oldest first; `forUpdate`
   *  row-locks them for a change. */
  findOpen(manager: EntityManager, where: FindOptionsWhere<Inspection>, { forUpdate = false } = {}): Promise<Inspection[]> {
    return manager.find(Inspection, {
      where: { ...where, status: In([...OPEN_STATUSES]) },
      order: { createdAt: 'ASC' },
      ...(forUpdate && { lock: { mode: 'pessimistic_write' as const } }),
    });
  }

  /** Opens a request: the inspection at version 1, its InspectionRequested event and the first
   *  line of its history. */
  async open(manager: EntityManager, request: NewRequest, actor: ActorRef): Promise<Inspection> {
    const inspection = manager.create(Inspection, {
      id: randomUUID(),
      version: 0,
      unitId: request.unit.id,
      landlordId: request.unit.landlordId,
      type: request.type,
      status: 'requested',
      outcome: null,
      reinspectionOf: request.reinspectionOf ?? null,
      trigger: request.trigger,
      triggerUnitVersion: request.triggerUnitVersion ?? null,
      requestNote: request.note ?? null,
      inspectorId: null,
      scheduledAt: null,
      checklistVersion: CURRENT_CHECKLIST.version,
      completedAt: null,
      cancelReason: null,
    });
    await this.save(manager, inspection, (version) => [
      newEvent(InspectionRequested, {
        aggregateId: inspection.id,
        aggregateVersion: version,
        actor,
        payload: { ...toInspectionEventRef(inspection), reinspectionOf: inspection.reinspectionOf, trigger: inspection.trigger },
      }),
    ]);
    await this.recordHistory(manager, inspection, 'requested', actor, { note: inspection.requestNote });
    return inspection;
  }

  async recordHistory(
    manager: EntityManager,
    inspection: Inspection,
    action: InspectionHistoryAction,
    actor: ActorRef,
    details: { note?: string | null; inspectorId?: string | null; scheduledAt?: Date | null } = {},
  ): Promise<void> {
    await manager.insert(InspectionHistoryEntry, {
      inspectionId: inspection.id,
      at: new Date(),
      action,
      actorId: actor.id,
      actorRole: actor.role,
      note: details.note ?? null,
      inspectorId: details.inspectorId ?? null,
      scheduledAt: details.scheduledAt ?? null,
    });
  }
}
