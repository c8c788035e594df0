import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { ApiProblemResponses, NotFoundError } from '@hearth/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CaseloadPolicy } from '../../caseload-policy';
import { SUPPORT_PROGRAMMES, SupportProgramme } from '../../domain/household.entity';
import { HOUSEHOLD_ROLES } from '../../household-access';

export interface CaseloadView {
  caseworkerId: string;
  programmes: { programme: SupportProgramme; households: number; limit: number; room: number }[];
}

export class GetCaseloadQuery extends Query<CaseloadView> {
  constructor(
    readonly caseworkerId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** How many households a caseworker holds per programme, against the limits. */
@QueryHandler(GetCaseloadQuery)
export class GetCaseloadHandler implements IQueryHandler<GetCaseloadQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseloads: CaseloadPolicy,
  ) {}

  async execute({ caseworkerId, actor }: GetCaseloadQuery): Promise<CaseloadView> {
    if (actor.role === 'caseworker' && actor.id !== caseworkerId) throw new NotFoundError('CASEWORKER.NOT_FOUND', `No caseload for ${caseworkerId}`);
    const counts = await this.caseloads.counts(this.dataSource.manager, caseworkerId);
    const limits = this.caseloads.limits();
    return {
      caseworkerId,
      programmes: SUPPORT_PROGRAMMES.map((programme) => ({
        programme,
        households: counts[programme],
        limit: limits[programme],
        room: Math.max(0, limits[programme] - counts[programme]),
      })),
    };
  }
}

@ApiTags('caseworkers')
@ApiProblemResponses()
@Controller('caseworkers')
export class GetCaseloadController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':caseworkerId/caseload')
  @Roles(...HOUSEHOLD_ROLES)
  @ApiOkResponse({ description: 'Households held per programme and the room left under each limit; a caseworker sees only their own' })
  get(@Param('caseworkerId') caseworkerId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetCaseloadQuery(caseworkerId, actor));
  }
}
