import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { visibilityOf } from '../../../access';
import { MediationRules } from '../../../config';
import { PreparationNotFoundError } from '../../../mediation.errors';
import { MediationVault } from '../../../vault';
import { BuddyContact, Preparation, PreparationTask } from '../../domain/preparation.entity';
import { PreparationRepository } from '../../preparation.repository';
import { PreparationView, toPreparationView } from '../../preparation.view';

export class GetPreparationQuery extends Query<PreparationView> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A household's arrival case with its tasks (deadline states), consent, meeting and buddy; anyone else's is 404. */
@QueryHandler(GetPreparationQuery)
export class GetPreparationHandler implements IQueryHandler<GetPreparationQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  async execute({ id, actor }: GetPreparationQuery): Promise<PreparationView> {
    const manager = this.dataSource.manager;
    const preparation = await manager.findOneBy(Preparation, { id });
    if (!preparation) throw new PreparationNotFoundError(id);
    const tasks = await manager.find(PreparationTask, { where: { preparationId: id }, order: { dueOn: 'ASC', kind: 'ASC' } });
    if (visibilityOf(actor, await this.preparations.scopeOf(manager, preparation, tasks)) !== 'full') throw new PreparationNotFoundError(id);
    const contacts = await manager.find(BuddyContact, { where: { preparationId: id }, order: { contactedOn: 'ASC' } });
    return toPreparationView(preparation, tasks, contacts, this.rules, this.vault);
  }
}

const listSchema = pageQuery({ householdId: z.uuid().optional(), unitId: z.uuid().optional(), tenancyId: z.uuid().optional(), offerId: z.uuid().optional() });
export class ListPreparationsDto extends createZodDto(listSchema) {}

export class ListPreparationsQuery extends Query<Page<{ id: string; unitId: string; householdId: string; reference: string; status: string; tenancyId: string | null; meetingDueOn: string | null }>> {
  constructor(
    readonly filter: ListPreparationsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Newest first; a caseworker's are those of their caseload or that they own. */
@QueryHandler(ListPreparationsQuery)
export class ListPreparationsHandler implements IQueryHandler<ListPreparationsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListPreparationsQuery) {
    const query = this.dataSource.manager.createQueryBuilder(Preparation, 'p').orderBy('p.created_at', 'DESC').addOrderBy('p.id');
    if (!isStaff(actor)) {
      query.andWhere(
        `(p.owner_id = :me OR p.household_id IN (SELECT h.household_id FROM known_households h WHERE h.caseworker_id = :me)
          OR EXISTS (SELECT 1 FROM preparation_tasks t WHERE t.preparation_id = p.id AND t.owner_id = :me))`,
        { me: actor.id },
      );
    }
    if (filter.householdId) query.andWhere('p.household_id = :householdId', { householdId: filter.householdId });
    if (filter.unitId) query.andWhere('p.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.tenancyId) query.andWhere('p.tenancy_id = :tenancyId', { tenancyId: filter.tenancyId });
    if (filter.offerId) query.andWhere('p.offer_id = :offerId', { offerId: filter.offerId });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(
      rows.map((row) => ({ id: row.id, unitId: row.unitId, householdId: row.householdId, reference: row.reference, status: row.status, tenancyId: row.tenancyId, meetingDueOn: row.meetingDueOn })),
      total,
      filter,
    );
  }
}

@ApiTags('preparations')
@ApiProblemResponses()
@Controller('preparations')
export class GetPreparationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator')
  list(@QueryParams() filter: ListPreparationsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListPreparationsQuery(filter, actor));
  }

  @Get(':id')
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetPreparationQuery(id, actor));
  }
}
