import { Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, districtCode, Page, pageQuery, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { InspectionStatus } from '../../../inspections/domain/inspection-status';
import { Severity, SEVERITIES } from '../../../inspections/domain/repair-deadlines';

const overdueSchema = pageQuery({
  severity: z.enum(SEVERITIES).optional(),
  district: districtCode().optional().describe('The unit’s district; normalised like the stored codes'),
  landlordId: z.uuid().optional(),
});

export class OverdueDeficienciesDto extends createZodDto(overdueSchema) {}

export interface OverdueDeficiency {
  id: string;
  inspectionId: string;
  unitId: string;
  landlordId: string;
  unit: { address: string; district: string } | null;
  itemCode: string;
  areaCode: string;
  severity: Severity;
  foundAt: Date;
  deadlineAt: Date;
  /** The re-inspection requested or scheduled to check it, if any. */
  reinspection: { id: string; status: InspectionStatus; scheduledAt: Date | null } | null;
}

interface Row {
  id: string;
  inspection_id: string;
  unit_id: string;
  landlord_id: string;
  address: string | null;
  district: string | null;
  item_code: string;
  area_code: string;
  severity: Severity;
  found_at: Date;
  deadline_at: Date;
  reinspection_id: string | null;
  reinspection_status: InspectionStatus | null;
  reinspection_scheduled_at: Date | null;
}

export class OverdueDeficienciesQuery extends Query<Page<OverdueDeficiency>> {
  constructor(readonly filter: OverdueDeficienciesDto) {
    super();
  }
}

/** Deficiencies past their repair deadline that no passed inspection has cleared, the longest
 *  overdue first. */
@QueryHandler(OverdueDeficienciesQuery)
export class OverdueDeficienciesHandler implements IQueryHandler<OverdueDeficienciesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: OverdueDeficienciesQuery): Promise<Page<OverdueDeficiency>> {
    const params: unknown[] = [new Date()];
    const conditions = ['d.resolution IS NULL', 'd.deadline_at < $1'];
    if (filter.severity) conditions.push(`d.severity = $${params.push(filter.severity)}`);
    if (filter.district) conditions.push(`u.district = $${params.push(filter.district)}`);
    if (filter.landlordId) conditions.push(`d.landlord_id = $${params.push(filter.landlordId)}`);
    const where = `WHERE ${conditions.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT d.id, d.inspection_id, d.unit_id, d.landlord_id, u.address, u.district, d.item_code, d.area_code, d.severity,
                d.found_at, d.deadline_at, r.id AS reinspection_id, r.status AS reinspection_status,
                r.scheduled_at AS reinspection_scheduled_at
           FROM deficiencies d
           LEFT JOIN known_units u ON u.id = d.unit_id
           LEFT JOIN inspections r ON r.reinspection_of = d.inspection_id AND r.status IN ('requested', 'scheduled')
           ${where}
          ORDER BY d.deadline_at, d.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: string }[]>(`SELECT count(*) AS total FROM deficiencies d LEFT JOIN known_units u ON u.id = d.unit_id ${where}`, params),
    ]);
    return toPage(rows.map(toOverdueDeficiency), Number(total), filter);
  }
}

function toOverdueDeficiency(row: Row): OverdueDeficiency {
  return {
    id: row.id,
    inspectionId: row.inspection_id,
    unitId: row.unit_id,
    landlordId: row.landlord_id,
    unit: row.address === null ? null : { address: row.address, district: row.district! },
    itemCode: row.item_code,
    areaCode: row.area_code,
    severity: row.severity,
    foundAt: row.found_at,
    deadlineAt: row.deadline_at,
    reinspection: row.reinspection_id
      ? { id: row.reinspection_id, status: row.reinspection_status!, scheduledAt: row.reinspection_scheduled_at }
      : null,
  };
}

@ApiTags('reports')
@ApiProblemResponses()
@Controller('reports/overdue-deficiencies')
export class OverdueDeficienciesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list(@QueryParams() filter: OverdueDeficienciesDto) {
    return this.queryBus.execute(new OverdueDeficienciesQuery(filter));
  }
}
