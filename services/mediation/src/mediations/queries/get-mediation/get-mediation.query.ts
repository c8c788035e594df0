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

export interface MediationStatistics {
  mediations: { open: number; closed: number; byOutcome: Record<string, number>; agreementsReached: number; followUpsKept: number };
  complaints: { total: number; open: number; byCategory: Record<string, number>; answersLate: number; answersInTime: number; escalatedToStage2: number };
  caseReviews: { open: number; resolved: number };
  tenanciesAtRisk: number;
}

export class MediationStatisticsQuery extends Query<MediationStatistics> {}

/** Aggregates only (board members): counts of complaints, deadlines kept, reviews, mediations by outcome and tenancies at risk, never a case. */
@QueryHandler(MediationStatisticsQuery)
export class MediationStatisticsHandler implements IQueryHandler<MediationStatisticsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<MediationStatistics> {
    const rows: { status: string; outcome: string | null; count: number }[] = await this.dataSource.query('SELECT status, outcome, count(*)::int AS count FROM mediations GROUP BY status, outcome');
    const [agreements]: { reached: number; kept: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS reached, count(*) FILTER (WHERE follow_up_result = 'kept')::int AS kept FROM mediation_agreements`,
    );
    const categories: { category: string; count: number; open: number }[] = await this.dataSource.query(
      `SELECT category, count(*)::int AS count, count(*) FILTER (WHERE status IN ('awaiting_acknowledgement', 'awaiting_answer'))::int AS open FROM complaints GROUP BY category`,
    );
    const [answers]: { late: number; in_time: number; stage2: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE answered_on > answer_by)::int AS late, count(*) FILTER (WHERE answered_on <= answer_by)::int AS in_time,
              count(*) FILTER (WHERE stage = 2)::int AS stage2 FROM complaint_stages`,
    );
    const [reviews]: { open: number; resolved: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'resolved')::int AS resolved FROM case_reviews`,
    );
    const [risk]: { count: number }[] = await this.dataSource.query('SELECT count(*)::int AS count FROM tenancy_risks WHERE at_risk');
    const byOutcome: Record<string, number> = {};
    for (const row of rows) if (row.outcome) byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + row.count;
    return {
      mediations: {
        open: rows.filter((row) => row.status !== 'closed').reduce((sum, row) => sum + row.count, 0),
        closed: rows.filter((row) => row.status === 'closed').reduce((sum, row) => sum + row.count, 0),
        byOutcome,
        agreementsReached: agreements.reached,
        followUpsKept: agreements.kept,
      },
      complaints: {
        total: categories.reduce((sum, row) => sum + row.count, 0),
        open: categories.reduce((sum, row) => sum + row.open, 0),
        byCategory: Object.fromEntries(categories.map((row) => [row.category, row.count])),
        answersLate: answers.late,
        answersInTime: answers.in_time,
        escalatedToStage2: answers.stage2,
      },
      caseReviews: reviews,
      tenanciesAtRisk: risk.count,
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

