import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { TenancyNotFoundError } from '../../../leases.errors';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';

export class TenancyLedgerQuery extends Query<unknown> {
  constructor(
    readonly tenancyId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A tenancy's ledger, oldest first, with a running balance; totals reconcile: charged (charges − credits) − paid = balance. */
@QueryHandler(TenancyLedgerQuery)
export class TenancyLedgerHandler implements IQueryHandler<TenancyLedgerQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ tenancyId }: TenancyLedgerQuery) {
    const tenancy = await this.dataSource.manager.findOneBy(Tenancy, { id: tenancyId });
    if (!tenancy) throw new TenancyNotFoundError(tenancyId);
    const rows: { id: string; kind: 'charge' | 'payment' | 'credit'; month: string | null; amount_cents: number; booked_on: string; source: string | null }[] =
      await this.dataSource.query(
        `SELECT id, kind, month, amount_cents, to_char(booked_on, 'YYYY-MM-DD') AS booked_on, source
           FROM ledger_entries WHERE tenancy_id = $1 ORDER BY booked_on, kind, created_at, id`,
        [tenancyId],
      );
    let balance = 0;
    let charged = 0;
    let paid = 0;
    const entries = rows.map((row) => {
      if (row.kind === 'charge') charged += row.amount_cents;
      else if (row.kind === 'credit') charged -= row.amount_cents;
      else paid += row.amount_cents;
      balance += row.kind === 'charge' ? row.amount_cents : -row.amount_cents;
      return { id: row.id, kind: row.kind, month: row.month, amountCents: row.amount_cents, bookedOn: row.booked_on, source: row.source, balanceCents: balance };
    });
    return {
      tenancyId,
      status: tenancy.status,
      chargedCents: charged,
      paidCents: paid,
      balanceCents: charged - paid,
      arrears: { ageing: tenancy.arrearsAgeing, stage: tenancy.arrearsStage },
      entries,
    };
  }
}

@ApiTags('ledger')
@ApiProblemResponses()
@Controller('tenancies')
export class TenancyLedgerController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/ledger')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'Charges and payments (integer cents) with the running balance' })
  @ApiNotFoundResponse({ description: 'No such tenancy' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new TenancyLedgerQuery(id, actor));
  }
}
