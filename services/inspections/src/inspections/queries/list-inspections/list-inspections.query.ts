import { Actor, CurrentActor, Roles, STAFF_ROLES, scopeLandlordId } from '@hearth/auth';
import { ApiProblemResponses, districtCode, Page, pageQuery, text, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { Inspection, INSPECTION_TYPES } from '../../domain/inspection.entity';
import { INSPECTION_STATUSES } from '../../domain/inspection-status';
import { forReader, InspectionView, toInspectionView } from '../../inspection.view';

const listInspectionsSchema = pageQuery({
  unitId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
  status: z.enum(INSPECTION_STATUSES as [string, ...string[]]).optional(),
  type: z.enum(INSPECTION_TYPES).optional(),
  outcome: z.enum(['passed', 'failed']).optional(),
  inspectorId: text({ max: 200 }).optional(),
  reinspectionOf: z.uuid().optional().describe('Only re-inspections of this inspection'),
  district: districtCode().optional().describe('The unit’s district, e.g. to plan visits by area; normalised like the stored codes'),
});

export class ListInspectionsDto extends createZodDto(listInspectionsSchema) {}

export class ListInspectionsQuery extends Query<Page<InspectionView>> {
  constructor(
    readonly filter: ListInspectionsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Newest first. A landlord's list is always their own flats' inspections, an inspector's always
 *  their own assignments, whatever they ask for. */
@QueryHandler(ListInspectionsQuery)
export class ListInspectionsHandler implements IQueryHandler<ListInspectionsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListInspectionsQuery): Promise<Page<InspectionView>> {
    const query = this.dataSource.manager.createQueryBuilder(Inspection, 'i').orderBy('i.created_at', 'DESC').addOrderBy('i.id');
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    const inspectorId = actor.role === 'inspector' ? actor.id : filter.inspectorId;
    if (landlordId) query.andWhere('i.landlord_id = :landlordId', { landlordId });
    if (inspectorId) query.andWhere('i.inspector_id = :inspectorId', { inspectorId });
    if (filter.unitId) query.andWhere('i.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter.type) query.andWhere('i.type = :type', { type: filter.type });
    if (filter.outcome) query.andWhere('i.outcome = :outcome', { outcome: filter.outcome });
    if (filter.reinspectionOf) query.andWhere('i.reinspection_of = :reinspectionOf', { reinspectionOf: filter.reinspectionOf });
    if (filter.district) query.andWhere('i.unit_id IN (SELECT u.id FROM known_units u WHERE u.district = :district)', { district: filter.district });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    const unitIds = [...new Set(rows.map((row) => row.unitId))];
    const units = unitIds.length ? await this.dataSource.manager.findBy(KnownUnit, { id: In(unitIds) }) : [];
    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    return toPage(
      rows.map((row) => forReader(toInspectionView(row, unitById.get(row.unitId)), actor)),
      total,
      filter,
    );
  }
}

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections')
export class ListInspectionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'inspector', 'landlord')
  list(@QueryParams() filter: ListInspectionsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListInspectionsQuery(filter, actor));
  }
}
