import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HOUSEHOLD_ROLES } from '../../household-access';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';

export class GetHouseholdQuery extends Query<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetHouseholdQuery)
export class GetHouseholdHandler implements IQueryHandler<GetHouseholdQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdRepository,
  ) {}

  async execute({ householdId, actor }: GetHouseholdQuery): Promise<HouseholdSummary> {
    return toHouseholdSummary(await this.households.get(this.dataSource.manager, householdId, actor));
  }
}

@ApiTags('households')
@ApiProblemResponses()
@Controller('households')
export class GetHouseholdController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':householdId')
  @Roles(...HOUSEHOLD_ROLES)
  @ApiOkResponse({ description: 'The household without personal data (status, composition, needs, consent, scores)' })
  get(@Param('householdId', ParseUUIDPipe) householdId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetHouseholdQuery(householdId, actor));
  }
}
