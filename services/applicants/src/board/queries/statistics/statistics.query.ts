import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { PolicyRegistry } from '../../../priority/policy-registry';

export interface WaitlistStatistics {
  generatedAt: string;
  policyVersion: number;
  households: { total: number; erased: number; byProgrammeAndStatus: { programme: string; status: string; count: number }[] };
  waitlist: {
    total: number;
    urgent: number;
    byProgramme: { programme: string; count: number }[];
    waitingTime: { bucket: string; count: number }[];
    waitingDays: { median: number | null; p90: number | null; max: number | null };
    priority: { from: number; to: number; count: number }[];
    priorityMedian: number | null;
  };
}

const WAITING_BUCKETS = [
  ['under 3 months', "interval '3 months'"],
  ['3 to 6 months', "interval '6 months'"],
  ['6 to 12 months', "interval '1 year'"],
  ['1 to 2 years', "interval '2 years'"],
  ['2 to 5 years', "interval '5 years'"],
] as const;

export class GetStatisticsQuery extends Query<WaitlistStatistics> {}

/** Counts only: anonymous, and kept for erased households too. */
@QueryHandler(GetStatisticsQuery)
export class GetStatisticsHandler implements IQueryHandler<GetStatisticsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRegistry,
  ) {}

  async execute(): Promise<WaitlistStatistics> {
    const db = this.dataSource;
    const waitingCase = `CASE ${WAITING_BUCKETS.map(([label, limit]) => `WHEN registered_at > now() - ${limit} THEN '${label}'`).join(' ')} ELSE '5 years or more' END`;
    const [byStatus, [overall], waiting, [medians], scores, policy] = await Promise.all([
      db.query<{ programme: string; status: string; count: number }[]>(
        'SELECT programme, status, count(*)::int AS count FROM households GROUP BY programme, status ORDER BY programme, status',
      ),
      db.query<{ total: number; erased: number; waitlisted: number; urgent: number }[]>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE erased_at IS NOT NULL)::int AS erased,
                count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
                count(*) FILTER (WHERE status = 'waitlisted' AND urgent)::int AS urgent
           FROM households`,
      ),
      db.query<{ bucket: string; count: number }[]>(`SELECT ${waitingCase} AS bucket, count(*)::int AS count FROM households WHERE status = 'waitlisted' GROUP BY 1`),
      db.query<{ median: number | null; p90: number | null; max: number | null; priority_median: string | null }[]>(
        `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY d) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY d) AS p90, max(d) AS max,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY priority) AS priority_median
           FROM (SELECT (current_date - registered_at::date) AS d, priority FROM households WHERE status = 'waitlisted') w`,
      ),
      db.query<{ bucket: number; count: number }[]>(
        `SELECT least(floor(priority / 10), 9)::int AS bucket, count(*)::int AS count FROM households WHERE status = 'waitlisted' GROUP BY 1`,
      ),
      this.policies.current(db.manager),
    ]);
    const waitingCounts = new Map(waiting.map((w) => [w.bucket, w.count]));
    const scoreCounts = new Map(scores.map((s) => [s.bucket, s.count]));
    return {
      generatedAt: new Date().toISOString(),
      policyVersion: policy.version,
      households: { total: overall.total, erased: overall.erased, byProgrammeAndStatus: byStatus },
      waitlist: {
        total: overall.waitlisted,
        urgent: overall.urgent,
        byProgramme: byStatus.filter((row) => row.status === 'waitlisted').map(({ programme, count }) => ({ programme, count })),
        waitingTime: [...WAITING_BUCKETS.map(([label]) => label), '5 years or more'].map((bucket) => ({ bucket, count: waitingCounts.get(bucket) ?? 0 })),
        waitingDays: { median: medians.median, p90: medians.p90, max: medians.max },
        priority: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 10, count: scoreCounts.get(i) ?? 0 })),
        priorityMedian: medians.priority_median === null ? null : Number(medians.priority_median),
      },
    };
  }
}

@ApiTags('board')
@ApiProblemResponses()
@Controller('board/statistics')
export class GetStatisticsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('board_member', ...STAFF_ROLES)
  @ApiOkResponse({ description: 'Counts by programme and status, waiting-time and score distributions of the waitlist' })
  get() {
    return this.queryBus.execute(new GetStatisticsQuery());
  }
}
