import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Landlord } from '../../domain/landlord.entity';
import { LandlordNotFoundError } from '../../landlord.errors';
import { LandlordView, toLandlordView } from '../../landlord.view';

export class GetLandlordQuery extends Query<LandlordView> {
  constructor(
    readonly landlordId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetLandlordQuery)
export class GetLandlordHandler implements IQueryHandler<GetLandlordQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ landlordId, actor }: GetLandlordQuery): Promise<LandlordView> {
    const notFound = () => new LandlordNotFoundError(landlordId);
    assertCanSeeLandlordRecord(actor, landlordId, notFound);
    const landlord = await this.dataSource.manager.findOneBy(Landlord, { id: landlordId });
    if (!landlord) throw notFound();
    return toLandlordView(landlord);
  }
}

@ApiTags('landlords')
@ApiProblemResponses()
@Controller('landlords')
export class GetLandlordController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':landlordId')
  @Roles(...STAFF_ROLES, 'landlord')
  get(@Param('landlordId', ParseUUIDPipe) landlordId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetLandlordQuery(landlordId, actor));
  }
}
