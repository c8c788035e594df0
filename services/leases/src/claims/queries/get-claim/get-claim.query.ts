import { Actor, assertCanSeeLandlordRecord, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ClaimNotFoundError } from '../../../leases.errors';
import { toClaimView, toLandlordClaimView } from '../../claim.view';
import { ClaimMonth, GuaranteeClaim } from '../../domain/claim.entity';

export class GetClaimQuery extends Query<ReturnType<typeof toClaimView> | ReturnType<typeof toLandlordClaimView>> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff see a claim with its evidence; a landlord only their own, without the household's ledger (someone else's is 404). */
@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id, actor }: GetClaimQuery) {
    const claim = await this.dataSource.manager.findOneBy(GuaranteeClaim, { id });
    if (!claim) throw new ClaimNotFoundError(id);
    assertCanSeeLandlordRecord(actor, claim.landlordId, () => new ClaimNotFoundError(id));
    const months = await this.dataSource.manager.find(ClaimMonth, { where: { claimId: id }, order: { month: 'ASC' } });
    return isStaff(actor) ? toClaimView(claim, months) : toLandlordClaimView(claim, months);
  }
}

@ApiTags('guarantee claims')
@ApiProblemResponses()
@Controller('claims')
export class GetClaimController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiNotFoundResponse({ description: 'No such claim, or not the landlord’s' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetClaimQuery(id, actor));
  }
}
