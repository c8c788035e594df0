import { Actor, CurrentActor, Roles, STAFF_ROLES, scopeLandlordId } from '@hearth/auth';
import { unitStatusSchema } from '@hearth/contracts';
import { readDirect } from '@hearth/persistence';
import { Page, pageQuery, ApiProblemResponses, districtCode, toPage, queryFlag, queryInt, queryMoney } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MAX_MONTHLY_AMOUNT } from '../../unit-attributes.schema';
import { UNIT_VIEW_COLUMNS, UnitView } from '../../unit.view';

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
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      values.push(value);
      conditions.push(`${condition} $${values.length}`);
    };
    // A landlord's list is always their own flats, whatever they ask for.
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    if (landlordId) where('landlord_id =', landlordId);
    if (filter.status) where('status =', filter.status);
    if (filter.districtCode) where('district_code =', filter.districtCode);
    if (filter.bedrooms !== undefined) where('bedrooms =', filter.bedrooms);
    if (filter.minBedrooms !== undefined) where('bedrooms >=', filter.minBedrooms);
    if (filter.wheelchairAccessible !== undefined) where('wheelchair_accessible =', filter.wheelchairAccessible);
    if (filter.stepFree !== undefined) where('step_free =', filter.stepFree);
    if (filter.minRent !== undefined) where('rent >=', filter.minRent);
    if (filter.maxRent !== undefined) where('rent <=', filter.maxRent);
    const filtered = conditions.length === 0 ? 'FROM units' : `FROM units WHERE ${conditions.join(' AND ')}`;
    const page = `SELECT ${UNIT_VIEW_COLUMNS} ${filtered} ORDER BY created_at DESC, id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`;
    return readDirect(this.dataSource, async (statement) => {
      const items = await statement<UnitView>(page, [...values, filter.limit, filter.offset]);
      const [{ total }] = await statement<{ total: number }>(`SELECT count(*)::int AS total ${filtered}`, values);
      return toPage(items, total, filter);
    });
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
