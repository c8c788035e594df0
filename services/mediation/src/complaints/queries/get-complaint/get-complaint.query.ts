import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { visibilityOf } from '../../../access';
import { MediationRules } from '../../../config';
import { ComplaintNotFoundError } from '../../../mediation.errors';
import { MediationVault } from '../../../vault';
import { ComplaintRepository } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';

export class GetComplaintQuery extends Query<ComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** One complaint with its stages and deadline states, as the reader may see it; anyone else's is 404. */
@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  async execute({ complaintId, actor }: GetComplaintQuery): Promise<ComplaintView> {
    const loaded = await this.complaints.load(this.dataSource.manager, complaintId);
    if (visibilityOf(actor, loaded.scope) === 'none') throw new ComplaintNotFoundError(complaintId);
    return toComplaintView(loaded, actor, this.rules, this.vault);
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class GetComplaintController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator', 'landlord')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetComplaintQuery(id, actor));
  }
}
