import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage, queryFlag } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { pendingDeadline } from '../../complaint.view';
import { Complaint, COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, ComplaintStage } from '../../domain/complaint.entity';

const listComplaintsSchema = pageQuery({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  stage: z.enum(['1', '2']).transform(Number).optional(),
  handlerId: z.string().trim().min(1).max(200).optional(),
  tenancyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  overdue: queryFlag().optional().describe('Only complaints whose pending acknowledgement or answer is past its due day'),
});

export class ListComplaintsDto extends createZodDto(listComplaintsSchema) {}

export interface ComplaintListItem {
  id: string;
  unitId: string;
  tenancyId: string | null;
  category: string;
  intensity: string | null;
  stage: number;
  status: string;
  receivedOn: string;
  handlerId: string | null;
  pendingDeadline: ReturnType<typeof pendingDeadline>;
}

export class ListComplaintsQuery extends Query<Page<ComplaintListItem>> {
  constructor(
    readonly filter: ListComplaintsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Newest first, each with the deadline it waits on and its state (on track, due soon, overdue).
 * Scoped by role whatever the filter asks: a caseworker's caseload, a mediator's assignments, a
 * landlord's own complaints and those about their flats (summary fields only).
 */
@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: MediationRules,
  ) {}

  async execute({ filter, actor }: ListComplaintsQuery): Promise<Page<ComplaintListItem>> {
    const today = this.rules.today();
    const query = this.dataSource.manager.createQueryBuilder(Complaint, 'c').orderBy('c.received_at', 'DESC').addOrderBy('c.id');
    if (actor.role === 'caseworker') {
      query.andWhere(
        `(c.household_id IN (SELECT h.household_id FROM known_households h WHERE h.caseworker_id = :me) OR c.filed_by = :me
          OR EXISTS (SELECT 1 FROM complaint_stages s WHERE s.complaint_id = c.id AND s.handler_id = :me))`,
        { me: actor.id },
      );
    } else if (actor.role === 'mediator') {
      query.andWhere('(c.handler_id = :me OR EXISTS (SELECT 1 FROM complaint_stages s WHERE s.complaint_id = c.id AND s.handler_id = :me))', { me: actor.id });
    } else if (actor.role === 'landlord') {
      query.andWhere('(c.filed_by = :me OR c.landlord_id = :landlordId)', { me: actor.id, landlordId: actor.landlordId });
    } else if (!isStaff(actor)) {
      query.andWhere('false');
    }
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.category) query.andWhere('c.category = :category', { category: filter.category });
    if (filter.stage) query.andWhere('c.stage = :stage', { stage: filter.stage });
    if (filter.handlerId) query.andWhere('c.handler_id = :handlerId', { handlerId: filter.handlerId });
    if (filter.tenancyId) query.andWhere('c.tenancy_id = :tenancyId', { tenancyId: filter.tenancyId });
    if (filter.unitId) query.andWhere('c.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.overdue !== undefined) {
      query.andWhere(
        `${filter.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM complaint_stages s WHERE s.complaint_id = c.id AND s.stage = c.stage AND (
           (c.status = 'awaiting_acknowledgement' AND s.acknowledge_by < :today) OR (c.status = 'awaiting_answer' AND s.answer_by < :today)))`,
        { today },
      );
    }
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    const stages = rows.length
      ? await this.dataSource.manager.find(ComplaintStage, { where: { complaintId: In(rows.map((row) => row.id)) } })
      : [];
    const stageOf = new Map(stages.map((stage) => [`${stage.complaintId}:${stage.stage}`, stage]));
    return toPage(
      rows.map((row) => {
        const summaryOnly = actor.role === 'landlord' && row.filedBy !== actor.id;
        const stage = stageOf.get(`${row.id}:${row.stage}`);
        return {
          id: row.id,
          unitId: row.unitId,
          tenancyId: row.tenancyId,
          category: row.category,
          intensity: summaryOnly ? null : row.intensity,
          stage: row.stage,
          status: row.status,
          receivedOn: row.receivedOn,
          handlerId: summaryOnly ? null : row.handlerId,
          pendingDeadline: stage ? pendingDeadline(row, stage, this.rules, today) : null,
        };
      }),
      total,
      filter,
    );
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class ListComplaintsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator', 'landlord')
  list(@QueryParams() filter: ListComplaintsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListComplaintsQuery(filter, actor));
  }
}
