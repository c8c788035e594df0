import { Actor, CurrentActor, Roles, STAFF_ROLES, scopeLandlordId } from '@hearth/auth';
import { unitStatusSchema } from '@hearth/contracts';
import { Page, pageQuery, ApiProblemResponses, districtCode, toPage, queryFlag, queryInt, queryMoney } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Unit } from '../../domain/unit.entity';
import { MAX_MONTHLY_AMOUNT } from '../../unit-attributes.schema';
import { toUnitView, UnitView } from '../../unit.view';

const flag = queryFlag();

const listUnitsSchema = pageQuery({
  status: unitStatusSchema.optional(),
  districtCode: districtCode().optional().describe('Normalised like the stored codes: `bxl-1` finds `BXL-1`'),
  bedrooms: queryInt({ min: 0, max: 10 }).optional().describe('Exactly this many bedrooms'),
  minBedrooms: queryInt({ min: 0, max: 10 }).optional(),
  wheelchairAccessible: flag.optional(),
  stepFree: flag.optional(),
  minRent: queryMoney({ max: MAX_MONTHLY_AMOUNT }).optional(),
  maxRent: queryMoney({ max: MAX_MONTHLY_AMOUNT }).optional(),
  landlordId: z.uuid().optional(),
}).refine((q) => q.minRent === undefined || q.maxRent === undefined || q.minRent <= q.maxRent, {
  path: ['maxRent'],
  message: 'must not be below minRent',
});

export class ListUnitsDto extends createZodDto(listUnitsSchema) {}

export class ListUnitsQuery extends Query<Page<UnitView>> {
  constructor(
    readonly filter: ListUnitsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListUnitsQuery): Promise<Page<UnitView>> {
    const query = this.dataSource.manager.createQueryBuilder(Unit, 'u').orderBy('u.created_at', 'DESC').addOrderBy('u.id');
    // A landlord's list is always their own flats, whatever they ask for.
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    if (landlordId) query.andWhere('u.landlord_id = :landlordId', { landlordId });
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.districtCode) query.andWhere('u.district_code = :districtCode', { districtCode: filter.districtCode });
    if (filter.bedrooms !== undefined) query.andWhere('u.bedrooms = :bedrooms', { bedrooms: filter.bedrooms });
    if (filter.minBedrooms !== undefined) query.andWhere('u.bedrooms >= :minBedrooms', { minBedrooms: filter.minBedrooms });
    if (filter.wheelchairAccessible !== undefined) query.andWhere('u.wheelchair_accessible = :wa', { wa: filter.wheelchairAccessible });
    if (filter.stepFree !== undefined) query.andWhere('u.step_free = :sf', { sf: filter.stepFree });
    if (filter.minRent !== undefined) query.andWhere('u.rent >= :minRent', { minRent: filter.minRent });
    if (filter.maxRent !== undefined) query.andWhere('u.rent <= :maxRent', { maxRent: filter.maxRent });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map(toUnitView), total, filter);
  }
}

@ApiTags('units')
@ApiProblemResponses()
@Controller('units')
export class ListUnitsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'landlord')
  list(@QueryParams() filter: ListUnitsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListUnitsQuery(filter, actor));
  }
}
