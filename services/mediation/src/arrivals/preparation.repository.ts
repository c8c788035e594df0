import { Actor } from '@hearth/auth';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseScope, mayHandle, visibilityOf } from '../access';
import { MediationRules } from '../config';
import { KnownHousehold } from '../directory/known-household.entity';
import { PreparationNotFoundError } from '../mediation.errors';
import { Preparation, PreparationTask } from './domain/preparation.entity';

@Injectable()
export class PreparationRepository {
  constructor(
    private readonly store: AggregateStore,
    private readonly rules: MediationRules,
  ) {}

  async scopeOf(manager: EntityManager, preparation: Preparation, tasks: readonly PreparationTask[]): Promise<CaseScope> {
    const household = await manager.findOneBy(KnownHousehold, { householdId: preparation.householdId });
    return { householdCaseworkerId: household?.caseworkerId ?? null, handlerIds: [preparation.ownerId, ...tasks.map((task) => task.ownerId)].filter((id): id is string => id !== null) };
  }

  /** Row-locked, for a change by staff, the household's caseworker or an owner of it or one of its tasks; anyone else gets 404. */
  async loadForChange(manager: EntityManager, id: string, actor: Actor): Promise<{ preparation: Preparation; tasks: PreparationTask[] }> {
    const preparation = await manager.findOne(Preparation, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!preparation) throw new PreparationNotFoundError(id);
    const tasks = await manager.find(PreparationTask, { where: { preparationId: id }, order: { dueOn: 'ASC', kind: 'ASC' } });
    const scope = await this.scopeOf(manager, preparation, tasks);
    if (visibilityOf(actor, scope) !== 'full' && !mayHandle(actor, scope.handlerIds)) throw new PreparationNotFoundError(id);
    return { preparation, tasks };
  }

  save(manager: EntityManager, preparation: Preparation, events: (version: number) => NewEvent[]): Promise<Preparation> {
    preparation.lastActivityAt = this.rules.now();
    return this.store.save(manager, Preparation, preparation, events);
  }
}

export function preparationEventRef(preparation: Preparation) {
  return { preparationId: preparation.id, unitId: preparation.unitId, householdId: preparation.householdId, reference: preparation.reference };
}
