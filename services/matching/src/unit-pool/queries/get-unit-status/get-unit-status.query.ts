import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { PoolUnitStatus } from '../../available-unit.entity';
import { UnknownUnitError } from '../../unit-pool.errors';
import { UnitPool } from '../../unit-pool.repository';

export interface UnitStatusView {
  unitId: string;
  status: PoolUnitStatus;
}

export class GetUnitStatusQuery extends Query<UnitStatusView> {
  constructor(
    readonly unitId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Where a unit stands in matching, and nothing about any household: what a landlord may see. */
@QueryHandler(GetUnitStatusQuery)
export class GetUnitStatusHandler implements IQueryHandler<GetUnitStatusQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitPool,
  ) {}

  async execute({ unitId, actor }: GetUnitStatusQuery): Promise<UnitStatusView> {
    const unit = await this.units.get(this.dataSource.manager, unitId);
    assertCanSeeLandlordRecord(actor, unit.landlordId, () => new UnknownUnitError(unitId));
    return { unitId: unit.unitId, status: unit.status };
  }
}

@ApiTags('units')
@ApiProblemResponses()
@Controller('units/:unitId')
export class GetUnitStatusController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('status')
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiOperation({ summary: 'Whether the unit is available or reserved (no household details)', description: 'A landlord sees only their own units; any other answers 404.' })
  @ApiNotFoundResponse({ description: 'MATCHING.UNIT_NOT_FOUND' })
  status(@Param('unitId', ParseUUIDPipe) unitId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetUnitStatusQuery(unitId, actor));
  }
}
