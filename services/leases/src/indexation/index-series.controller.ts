import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, ValidationError } from '@hearth/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus, IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { TenancyNotFoundError } from '../leases.errors';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { RecordIndexValuesDto, seriesName } from './commands/record-index-values/record-index-values.dto';
import { RecordIndexValuesCommand } from './commands/record-index-values/record-index-values.handler';
import { IndexValue, RentIndexation } from './domain/indexation.entity';

export class GetIndexSeriesQuery extends Query<{ series: string; values: { month: string; value: string }[] }> {
  constructor(readonly series: string) {
    super();
  }
}

@QueryHandler(GetIndexSeriesQuery)
export class GetIndexSeriesHandler implements IQueryHandler<GetIndexSeriesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ series }: GetIndexSeriesQuery) {
    const values = await this.dataSource.manager.find(IndexValue, { where: { series }, order: { month: 'ASC' } });
    return { series, values: values.map((v) => ({ month: v.month, value: v.value })) };
  }
}

export class GetRentHistoryQuery extends Query<{ tenancyId: string; indexations: Omit<RentIndexation, 'tenancyId'>[] }> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

@QueryHandler(GetRentHistoryQuery)
export class GetRentHistoryHandler implements IQueryHandler<GetRentHistoryQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ tenancyId }: GetRentHistoryQuery) {
    if (!(await this.dataSource.manager.existsBy(Tenancy, { id: tenancyId }))) throw new TenancyNotFoundError(tenancyId);
    const rows = await this.dataSource.manager.find(RentIndexation, { where: { tenancyId }, order: { anniversary: 'ASC' } });
    return { tenancyId, indexations: rows.map(({ tenancyId: _, ...row }) => row) };
  }
}

function checkSeries(series: string): void {
  const parsed = seriesName.safeParse(series);
  if (!parsed.success) throw new ValidationError([{ field: 'series', message: parsed.error.issues[0].message }]);
}

/** Index series (staff load the published values) and each tenancy's indexed rents. */
@ApiTags('rent indexation')
@ApiProblemResponses()
@Controller()
export class IndexSeriesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Put('index-series/:series/values')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'How many values were recorded and how many were already known' })
  @ApiConflictResponse({ description: 'INDEX.VALUE_FIXED or INDEX.DUPLICATE_MONTH' })
  record(@Param('series') series: string, @Body() input: RecordIndexValuesDto, @CurrentActor() actor: Actor) {
    checkSeries(series);
    return this.commandBus.execute(new RecordIndexValuesCommand(series, input, actor));
  }

  @Get('index-series/:series/values')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The series’ values, month by month (exact decimals as text)' })
  values(@Param('series') series: string) {
    checkSeries(series);
    return this.queryBus.execute(new GetIndexSeriesQuery(series));
  }

  @Get('tenancies/:id/rent-history')
  @Roles(...STAFF_ROLES)
  @ApiNotFoundResponse({ description: 'No such tenancy' })
  @ApiOkResponse({ description: 'Every indexation of the tenancy’s rent with the formula’s inputs (integer cents, exact index values)' })
  rentHistory(@Param('id', ParseUUIDPipe) id: string) {
    return this.queryBus.execute(new GetRentHistoryQuery(id));
  }
}
