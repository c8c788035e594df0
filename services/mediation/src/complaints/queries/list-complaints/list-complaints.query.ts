import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage, queryFlag } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { pendingDeadline } from '../../complaint.view';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, ComplaintStatus, Stage } from '../../domain/complaint.entity';

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

interface ListRow {
  id: string;
  unit_id: string;
  tenancy_id: string | null;
  category: string;
  intensity: string;
  stage: Stage;
  status: ComplaintStatus;
  received_on: string;
  handler_id: string | null;
  filed_by: string;
  started_on: string | null;
  acknowledge_by: string | null;
  acknowledged_on: string | null;
  answer_by: string | null;
}

/**
 * Newest first, each with the deadline it waits on and its state (on track, due soon, overdue).
 * Scoped by role whatever the filter asks: a caseworker's caseload, a mediator's assignments, a
 * landlord's own complaints and those about their flats (summary fields only).
 *
 * Two statements at once, each answered by an index: the count, and the page's ids (read from the
 * index alone, however far the offset) joined to their rows and current stages.
 */
@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: MediationRules,
  ) {}

  async execute({ filter, actor }: ListComplaintsQuery): Promise<Page<ComplaintListItem>> {
    const today = this.rules.today();
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (actor.role === 'caseworker') {
      const me = param(actor.id);
      where.push(`(c.household_id IN (SELECT h.household_id FROM known_households h WHERE h.caseworker_id = ${me}) OR c.filed_by = ${me}
        OR EXISTS (SELECT 1 FROM complaint_stages s WHERE s.complaint_id = c.id AND s.handler_id = ${me}))`);
    } else if (actor.role === 'mediator') {
      const me = param(actor.id);
      where.push(`(c.handler_id = ${me} OR EXISTS (SELECT 1 FROM complaint_stages s WHERE s.complaint_id = c.id AND s.handler_id = ${me}))`);
    } else if (actor.role === 'landlord') {
      where.push(`(c.filed_by = ${param(actor.id)} OR c.landlord_id = ${param(actor.landlordId ?? null)})`);
    } else if (!isStaff(actor)) {
      where.push('false');
    }
    if (filter.status) where.push(`c.status = ${param(filter.status)}`);
    if (filter.category) where.push(`c.category = ${param(filter.category)}`);
    if (filter.stage) where.push(`c.stage = ${param(filter.stage)}`);
    if (filter.handlerId) where.push(`c.handler_id = ${param(filter.handlerId)}`);
    if (filter.tenancyId) where.push(`c.tenancy_id = ${param(filter.tenancyId)}`);
    if (filter.unitId) where.push(`c.unit_id = ${param(filter.unitId)}`);
    // due_on is the pending acknowledgement's or answer's due day (null when answered or withdrawn).
    if (filter.overdue === true) where.push(`c.due_on < ${param(today)}`);
    if (filter.overdue === false) where.push(`(c.due_on IS NULL OR c.due_on >= ${param(today)})`);
    const conditions = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = `$${params.length + 1}`;
    const offset = `$${params.length + 2}`;

    const [rows, [{ total }]]: [ListRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id, c.unit_id, c.tenancy_id, c.category, c.intensity, c.stage, c.status, c.received_on::text, c.handler_id, c.filed_by,
                s.started_on::text, s.acknowledge_by::text, s.acknowledged_on::text, s.answer_by::text
           FROM (SELECT c.id FROM complaints c ${conditions} ORDER BY c.received_at DESC, c.id LIMIT ${limit} OFFSET ${offset}) page
           JOIN complaints c ON c.id = page.id
           LEFT JOIN complaint_stages s ON s.complaint_id = c.id AND s.stage = c.stage
          ORDER BY c.received_at DESC, c.id`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM complaints c ${conditions}`, params),
    ]);
    return toPage(
      rows.map((row) => {
        const summaryOnly = actor.role === 'landlord' && row.filed_by !== actor.id;
        return {
          id: row.id,
          unitId: row.unit_id,
          tenancyId: row.tenancy_id,
          category: row.category,
          intensity: summaryOnly ? null : row.intensity,
          stage: row.stage,
          status: row.status,
          receivedOn: row.received_on,
          handlerId: summaryOnly ? null : row.handler_id,
          pendingDeadline:
            row.started_on !== null && row.acknowledge_by !== null
              ? pendingDeadline(
                  { status: row.status },
                  { stage: row.stage, startedOn: row.started_on, acknowledgeBy: row.acknowledge_by, acknowledgedOn: row.acknowledged_on, answerBy: row.answer_by },
                  this.rules,
                  today,
                )
              : null,
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
