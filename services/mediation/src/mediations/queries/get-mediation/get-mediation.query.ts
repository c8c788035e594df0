import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { visibilityOf } from '../../../access';
import { MediationRules } from '../../../config';
import { MediationNotFoundError } from '../../../mediation.errors';
import { MediationVault } from '../../../vault';
import { mediationScope, MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class GetMediationQuery extends Query<MediationView> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetMediationQuery)
export class GetMediationHandler implements IQueryHandler<GetMediationQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  async execute({ id, actor }: GetMediationQuery): Promise<MediationView> {
    const loaded = await this.mediations.load(this.dataSource.manager, id);
    if (visibilityOf(actor, mediationScope(loaded)) === 'none') throw new MediationNotFoundError(id);
    return toMediationView(loaded, actor, this.rules, this.vault);
  }
}

export class MediationStatisticsQuery extends Query<{ open: number; closed: number; byOutcome: Record<string, number>; agreementsReached: number; followUpsKept: number }> {}

/** Aggregates only (board members): counts by status and outcome, never a case. */
@QueryHandler(MediationStatisticsQuery)
export class MediationStatisticsHandler implements IQueryHandler<MediationStatisticsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute() {
    const rows: { status: string; outcome: string | null; count: number }[] = await this.dataSource.query('SELECT status, outcome, count(*)::int AS count FROM mediations GROUP BY status, outcome');
    const [agreements]: { reached: number; kept: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS reached, count(*) FILTER (WHERE follow_up_result = 'kept')::int AS kept FROM mediation_agreements`,
    );
    const byOutcome: Record<string, number> = {};
    for (const row of rows) if (row.outcome) byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + row.count;
    return {
      open: rows.filter((row) => row.status !== 'closed').reduce((sum, row) => sum + row.count, 0),
      closed: rows.filter((row) => row.status === 'closed').reduce((sum, row) => sum + row.count, 0),
      byOutcome,
      agreementsReached: agreements.reached,
      followUpsKept: agreements.kept,
    };
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class GetMediationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('statistics')
  @Roles(...STAFF_ROLES, 'board_member')
  statistics() {
    return this.queryBus.execute(new MediationStatisticsQuery());
  }

  @Get(':id')
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator', 'landlord')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetMediationQuery(id, actor));
  }
}

