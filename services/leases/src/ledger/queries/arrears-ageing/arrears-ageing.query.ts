import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

const BUCKETS = ['none', '0_30', '31_60', '61_90', '90_plus'] as const;

export interface ArrearsAgeingReport {
  buckets: { ageing: (typeof BUCKETS)[number]; tenancies: number; balanceCents: number }[];
  totalBalanceCents: number;
}

export class ArrearsAgeingQuery extends Query<ArrearsAgeingReport> {}

/** Aggregates only (counts and amounts per ageing bucket): open to board members too. Ended tenancies with a balance count — arrears survive the end. */
@QueryHandler(ArrearsAgeingQuery)
export class ArrearsAgeingHandler implements IQueryHandler<ArrearsAgeingQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<ArrearsAgeingReport> {
    const rows: { ageing: string; tenancies: number; balance: string }[] = await this.dataSource.query(
      `SELECT arrears_ageing AS ageing, count(*)::int AS tenancies, COALESCE(sum(balance_cents), 0)::text AS balance
         FROM tenancies WHERE status IN ('active', 'ending') OR (status = 'ended' AND balance_cents <> 0)
        GROUP BY arrears_ageing`,
    );
    const byAgeing = new Map(rows.map((r) => [r.ageing, r]));
    const buckets = BUCKETS.map((ageing) => ({ ageing, tenancies: byAgeing.get(ageing)?.tenancies ?? 0, balanceCents: Number(byAgeing.get(ageing)?.balance ?? 0) }));
    return { buckets, totalBalanceCents: buckets.reduce((sum, b) => sum + b.balanceCents, 0) };
  }
}

@ApiTags('ledger')
@ApiProblemResponses()
@Controller('reports')
export class ArrearsAgeingController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('arrears-ageing')
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOkResponse({ description: 'Tenancies and balances (integer cents) per arrears ageing bucket' })
  get() {
    return this.queryBus.execute(new ArrearsAgeingQuery());
  }
}
