import { CurrentActor, Roles, STAFF_ROLES, Actor } from '@hearth/auth';
import { ApiProblemResponses, pageQuery, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const listRemindersSchema = pageQuery({ contract: z.enum(['tenancy', 'head_lease']).optional() });

export class ListRenewalRemindersDto extends createZodDto(listRemindersSchema) {}

interface ReminderRow {
  contract: 'tenancy' | 'head_lease';
  contract_id: string;
  unit_id: string;
  landlord_id: string;
  end_date: string;
  days_before: number;
  raised_on: string;
}

export class ListRenewalRemindersQuery extends Query<unknown> {
  constructor(readonly filter: ListRenewalRemindersDto) {
    super();
  }
}

/** Staff's task list: the latest reminder of each contract whose end date is still the one reminded of, soonest end first. */
@QueryHandler(ListRenewalRemindersQuery)
export class ListRenewalRemindersHandler implements IQueryHandler<ListRenewalRemindersQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListRenewalRemindersQuery) {
    const current = `
      SELECT DISTINCT ON (r.contract, r.contract_id) r.contract, r.contract_id, r.unit_id, r.landlord_id,
             to_char(r.end_date, 'YYYY-MM-DD') AS end_date, r.days_before, to_char(r.raised_on, 'YYYY-MM-DD') AS raised_on
        FROM renewal_reminders r
        LEFT JOIN tenancies t ON r.contract = 'tenancy' AND t.id = r.contract_id
        LEFT JOIN head_leases h ON r.contract = 'head_lease' AND h.id = r.contract_id
       WHERE ($1::text IS NULL OR r.contract = $1::text)
         AND ((r.contract = 'tenancy' AND t.status IN ('active', 'ending') AND COALESCE(t.ends_on, t.end_date) = r.end_date)
           OR (r.contract = 'head_lease' AND h.status = 'active' AND h.end_date = r.end_date))
       ORDER BY r.contract, r.contract_id, r.days_before ASC`;
    const rows: ReminderRow[] = await this.dataSource.query(`SELECT * FROM (${current}) c ORDER BY end_date, contract_id LIMIT $2 OFFSET $3`, [filter.contract ?? null, filter.limit, filter.offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM (${current}) c`, [filter.contract ?? null]);
    return toPage(
      rows.map((r) => ({ contract: r.contract, contractId: r.contract_id, unitId: r.unit_id, landlordId: r.landlord_id, endDate: r.end_date, daysBefore: r.days_before, raisedOn: r.raised_on })),
      total,
      filter,
    );
  }
}

@ApiTags('renewal reminders')
@ApiProblemResponses()
@Controller('renewal-reminders')
export class ListRenewalRemindersController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list(@QueryParams() filter: ListRenewalRemindersDto, @CurrentActor() _actor: Actor) {
    return this.queryBus.execute(new ListRenewalRemindersQuery(filter));
  }
}
