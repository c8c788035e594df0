import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, date, text, ValidationError } from '@hearth/platform';
import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { checklistItemCodes, checklistVersion } from '../../domain/checklist';
import { InspectionStatus } from '../../domain/inspection-status';
import { InspectionType } from '../../domain/inspection.entity';

export const AGENDA_TIME_ZONE = Symbol('AGENDA_TIME_ZONE');

const agendaSchema = z.object({
  date: date().describe('The day (YYYY-MM-DD) in the agency’s time zone'),
  inspectorId: text({ max: 200 }).optional().describe('Whose agenda; required for staff, ignored for an inspector (always their own)'),
});

export class GetAgendaDto extends createZodDto(agendaSchema) {}

interface AgendaRow {
  id: string;
  scheduled_at: Date;
  type: InspectionType;
  status: InspectionStatus;
  reinspection_of: string | null;
  unit_id: string;
  checklist_version: number;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  district: string | null;
  answered: number;
}

export interface Agenda {
  date: string;
  timeZone: string;
  inspectorId: string;
  items: {
    inspectionId: string;
    scheduledAt: Date;
    type: InspectionType;
    status: InspectionStatus;
    reinspectionOf: string | null;
    unitId: string;
    unit: { address: string; postalCode: string; city: string; district: string } | null;
    checklist: { answered: number; total: number };
  }[];
}

export class GetAgendaQuery extends Query<Agenda> {
  constructor(
    readonly filter: GetAgendaDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** An inspector's day: their scheduled (and already completed) visits, in time order, with the
 *  address and how far the checklist is filled in. */
@QueryHandler(GetAgendaQuery)
export class GetAgendaHandler implements IQueryHandler<GetAgendaQuery> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AGENDA_TIME_ZONE) private readonly timeZone: string,
  ) {}

  async execute({ filter, actor }: GetAgendaQuery): Promise<Agenda> {
    const inspectorId = actor.role === 'inspector' ? actor.id : filter.inspectorId;
    if (!inspectorId) throw new ValidationError([{ field: 'inspectorId', message: 'is required' }]);
    const rows: AgendaRow[] = await this.dataSource.query(
      `SELECT i.id, i.scheduled_at, i.type, i.status, i.reinspection_of, i.unit_id, i.checklist_version,
              u.address, u.postal_code, u.city, u.district,
              (SELECT count(*) FROM checklist_results r WHERE r.inspection_id = i.id)::int AS answered
         FROM inspections i LEFT JOIN known_units u ON u.id = i.unit_id
        WHERE i.inspector_id = $1 AND i.status IN ('scheduled', 'completed')
          AND i.scheduled_at >= ($2::date::timestamp AT TIME ZONE $3)
          AND i.scheduled_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
        ORDER BY i.scheduled_at, i.id`,
      [inspectorId, filter.date, this.timeZone],
    );
    return {
      date: filter.date,
      timeZone: this.timeZone,
      inspectorId,
      items: rows.map((row) => ({
        inspectionId: row.id,
        scheduledAt: row.scheduled_at,
        type: row.type,
        status: row.status,
        reinspectionOf: row.reinspection_of,
        unitId: row.unit_id,
        unit: row.address === null ? null : { address: row.address, postalCode: row.postal_code!, city: row.city!, district: row.district! },
        checklist: { answered: row.answered, total: checklistItemCodes(checklistVersion(row.checklist_version)).length },
      })),
    };
  }
}

@ApiTags('agenda')
@ApiProblemResponses()
@Controller('agenda')
export class GetAgendaController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'inspector')
  get(@QueryParams() filter: GetAgendaDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetAgendaQuery(filter, actor));
  }
}
