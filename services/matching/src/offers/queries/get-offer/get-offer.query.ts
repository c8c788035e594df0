import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Offer } from '../../domain/offer.entity';
import { assertOnCaseload } from '../../caseload-access';
import { OfferNotFoundError } from '../../offer.errors';
import { OfferView, toOfferView } from '../../offer.view';

export class GetOfferQuery extends Query<OfferView> {
  constructor(
    readonly offerId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetOfferQuery)
export class GetOfferHandler implements IQueryHandler<GetOfferQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ offerId, actor }: GetOfferQuery): Promise<OfferView> {
    const offer = await this.dataSource.manager.findOneBy(Offer, { id: offerId });
    if (!offer) throw new OfferNotFoundError(offerId);
    await assertOnCaseload(this.dataSource.manager, actor, offer);
    return toOfferView(offer);
  }
}

@ApiTags('offers')
@ApiProblemResponses()
@Controller('offers')
export class GetOfferController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':offerId')
  @Roles(...STAFF_ROLES, 'caseworker')
  get(@Param('offerId', ParseUUIDPipe) offerId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetOfferQuery(offerId, actor));
  }
}
