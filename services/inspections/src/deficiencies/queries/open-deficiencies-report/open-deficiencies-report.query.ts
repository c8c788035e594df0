import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Severity, SEVERITIES } from '../../../inspections/domain/repair-deadlines';

/** Age of an open deficiency since it was found, in days. */
export const AGE_BUCKETS = ['0-7', '8-30', '31-90', 'over-90'] as const;

export interface OpenDeficienciesReport {
  asOf: Date;
  open: number;
  overdue: number;
  bySeverity: {
    severity: Severity;
    open: number;
    overdue: number;
    oldestFoundAt: Date | null;
    byAgeInDays: Record<(typeof AGE_BUCKETS)[number], number>;
  }[];
}

interface Row {
  severity: Severity;
  open: number;
  overdue: number;
  oldest: Date | null;
  d0_7: number;
  d8_30: number;
  d31_90: number;
  d90: number;
}

export class OpenDeficienciesReportQuery extends Query<OpenDeficienciesReport> {}

/** What is still to be repaired, by severity and how long it has been waiting. */
@QueryHandler(OpenDeficienciesReportQuery)
export class OpenDeficienciesReportHandler implements IQueryHandler<OpenDeficienciesReportQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<OpenDeficienciesReport> {
    const asOf = new Date();
    const rows: Row[] = await this.dataSource.query(
      `SELECT severity,
              count(*)::int AS open,
              (count(*) FILTER (WHERE deadline_at < $1))::int AS overdue,
              min(found_at) AS oldest,
              (count(*) FILTER (WHERE found_at > $1::timestamptz - interval '7 days'))::int AS d0_7,
              (count(*) FILTER (WHERE found_at <= $1::timestamptz - interval '7 days' AND found_at > $1::timestamptz - interval '30 days'))::int AS d8_30,
              (count(*) FILTER (WHERE found_at <= $1::timestamptz - interval '30 days' AND found_at > $1::timestamptz - interval '90 days'))::int AS d31_90,
              (count(*) FILTER (WHERE found_at <= $1::timestamptz - interval '90 days'))::int AS d90
         FROM deficiencies WHERE resolution IS NULL GROUP BY severity`,
      [asOf],
    );
    const bySeverity = SEVERITIES.map((severity) => {
      const row = rows.find((r) => r.severity === severity);
      return {
        severity,
        open: row?.open ?? 0,
        overdue: row?.overdue ?? 0,
        oldestFoundAt: row?.oldest ?? null,
        byAgeInDays: { '0-7': row?.d0_7 ?? 0, '8-30': row?.d8_30 ?? 0, '31-90': row?.d31_90 ?? 0, 'over-90': row?.d90 ?? 0 },
      };
    });
    return {
      asOf,
      open: bySeverity.reduce((sum, s) => sum + s.open, 0),
      overdue: bySeverity.reduce((sum, s) => sum + s.overdue, 0),
      bySeverity,
    };
  }
}

@ApiTags('reports')
@ApiProblemResponses()
@Controller('reports/open-deficiencies')
export class OpenDeficienciesReportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'Open deficiencies counted by severity and by age in days (0-7, 8-30, 31-90, over 90)' })
  get() {
    return this.queryBus.execute(new OpenDeficienciesReportQuery());
  }
}
