import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Agreement } from '../../../landlords/domain/agreement.entity';
import { Landlord } from '../../../landlords/domain/landlord.entity';
import { LandlordNotFoundError } from '../../../landlords/landlord.errors';
import { AgreementView, toAgreementView } from '../../agreement.view';

export class ListAgreementsQuery extends Query<{ items: AgreementView[] }> {
  constructor(
    readonly landlordId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A landlord has a handful of agreements over the years: listed whole, newest first. */
@QueryHandler(ListAgreementsQuery)
export class ListAgreementsHandler implements IQueryHandler<ListAgreementsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ landlordId, actor }: ListAgreementsQuery): Promise<{ items: AgreementView[] }> {
    const notFound = () => new LandlordNotFoundError(landlordId);
    assertCanSeeLandlordRecord(actor, landlordId, notFound);
    if (!(await this.dataSource.manager.existsBy(Landlord, { id: landlordId }))) throw notFound();
    const agreements = await this.dataSource.manager.find(Agreement, { where: { landlordId }, order: { startDate: 'DESC', createdAt: 'DESC' } });
    return { items: agreements.map(toAgreementView) };
  }
}

@ApiTags('agreements')
@ApiProblemResponses()
@Controller('landlords/:landlordId/agreements')
export class ListAgreementsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'landlord')
  list(@Param('landlordId', ParseUUIDPipe) landlordId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListAgreementsQuery(landlordId, actor));
  }
}
