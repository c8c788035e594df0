import { readDirect } from '@hearth/persistence';
import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { UnitNotFoundError } from '../../unit.errors';
import { UNIT_VIEW_COLUMNS, UnitView } from '../../unit.view';

export class GetUnitQuery extends Query<UnitView> {
  constructor(
    readonly unitId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ unitId, actor }: GetUnitQuery): Promise<UnitView> {
    const [unit] = await readDirect(this.dataSource, (statement) => statement<UnitView>(`SELECT ${UNIT_VIEW_COLUMNS} FROM units WHERE id = $1`, [unitId]));
    if (!unit) throw new UnitNotFoundError(unitId);
    assertCanSeeLandlordRecord(actor, unit.landlordId, () => new UnitNotFoundError(unitId));
    return unit;
  }
}

@ApiTags('units')
@ApiProblemResponses()
@Controller('units')
export class GetUnitController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':unitId')
  @Roles(...STAFF_ROLES, 'landlord')
  get(@Param('unitId', ParseUUIDPipe) unitId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetUnitQuery(unitId, actor));
  }
}
