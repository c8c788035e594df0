import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HeadLeaseNotFoundError } from '../../../leases.errors';
import { HeadLease } from '../../domain/head-lease.entity';
import { toHeadLeaseView } from '../../head-lease.view';

export class GetHeadLeaseQuery extends Query<ReturnType<typeof toHeadLeaseView>> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetHeadLeaseQuery)
export class GetHeadLeaseHandler implements IQueryHandler<GetHeadLeaseQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id, actor }: GetHeadLeaseQuery) {
    const headLease = await this.dataSource.manager.findOneBy(HeadLease, { id });
    if (!headLease) throw new HeadLeaseNotFoundError(id);
    assertCanSeeLandlordRecord(actor, headLease.landlordId, () => new HeadLeaseNotFoundError(id));
    return toHeadLeaseView(headLease);
  }
}

@ApiTags('head leases')
@ApiProblemResponses()
@Controller('head-leases')
export class GetHeadLeaseController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiNotFoundResponse({ description: 'No such head lease, or not the landlord’s' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetHeadLeaseQuery(id, actor));
  }
}
