import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CURRENT_CHECKLIST } from '../../domain/checklist';
import { toChecklistView } from '../../inspection.view';

export class GetChecklistQuery extends Query<ReturnType<typeof toChecklistView>> {}

@QueryHandler(GetChecklistQuery)
export class GetChecklistHandler implements IQueryHandler<GetChecklistQuery> {
  execute(): Promise<ReturnType<typeof toChecklistView>> {
    return Promise.resolve(toChecklistView(CURRENT_CHECKLIST));
  }
}

@ApiTags('checklist')
@ApiProblemResponses()
@Controller('checklist')
export class GetChecklistController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'inspector', 'landlord')
  @ApiOkResponse({ description: 'The habitability checklist new inspections are made against, grouped by area' })
  get() {
    return this.queryBus.execute(new GetChecklistQuery());
  }
}
