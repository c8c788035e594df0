import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, ValidationError } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { z } from 'zod';
import { structuredCommunication } from '../../../bank-import/domain/structured-communication';
import { LeasesClock } from '../../../clock';
import { DocumentLanguages } from '../../../documents/document-languages';
import { DOCUMENT_LANGUAGES, RentStatementDocument, rentStatementPdf } from '../../../documents/documents';
import { TenancyNotFoundError } from '../../../leases.errors';
import { PaymentPlan } from '../../../payment-plans/domain/payment-plan.entity';
import { planStandings } from '../../../payment-plans/plan-standing';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { addMonths, firstDayOf, lastDayOf, monthOf, monthsBetween } from '../../domain/calendar';

/** The longest period one statement covers (ten years). */
export const MAX_STATEMENT_MONTHS = 120;

export class RentStatementQuery extends Query<RentStatementDocument> {
  constructor(
    readonly tenancyId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

/**
 * A tenancy's rent account from the first day of `from` to the last of `to`: each month's charges
 * (less credits) and payments by the day they were booked (a charge on its due date, a payment on
 * the day received), the running balance, and the payment plans agreed by the period's end with
 * where each instalment stands today. Reconciles: opening + charged − paid = closing.
 */
@QueryHandler(RentStatementQuery)
export class RentStatementHandler implements IQueryHandler<RentStatementQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  async execute({ tenancyId, from, to }: RentStatementQuery): Promise<RentStatementDocument> {
    const manager = this.dataSource.manager;
    const tenancy = await manager.findOneBy(Tenancy, { id: tenancyId });
    if (!tenancy) throw new TenancyNotFoundError(tenancyId);
    const end = lastDayOf(to);
    const rows: { month: string; kind: 'charge' | 'payment' | 'credit'; cents: string }[] = await this.dataSource.query(
      `SELECT to_char(booked_on, 'YYYY-MM') AS month, kind, SUM(amount_cents) AS cents
         FROM ledger_entries WHERE tenancy_id = $1 AND booked_on <= $2 GROUP BY 1, 2`,
      [tenancyId, end],
    );
    const charged = new Map<string, number>();
    const paid = new Map<string, number>();
    let opening = 0;
    for (const row of rows) {
      const cents = Number(row.cents);
      if (row.month < from) opening += row.kind === 'charge' ? cents : -cents;
      else if (row.kind === 'payment') paid.set(row.month, (paid.get(row.month) ?? 0) + cents);
      else charged.set(row.month, (charged.get(row.month) ?? 0) + (row.kind === 'charge' ? cents : -cents));
    }
    let balance = opening;
    const months = monthsBetween(from, to).map((month) => {
      const chargedCents = charged.get(month) ?? 0;
      const paidCents = paid.get(month) ?? 0;
      balance += chargedCents - paidCents;
      return { month, chargedCents, paidCents, balanceCents: balance };
    });
    const totals = { chargedCents: months.reduce((sum, m) => sum + m.chargedCents, 0), paidCents: months.reduce((sum, m) => sum + m.paidCents, 0) };
    const today = this.clock.today();
    const plans = await manager.find(PaymentPlan, { where: { tenancyId, agreedOn: LessThanOrEqual(end) }, order: { agreedOn: 'ASC' } });
    const standings = await planStandings(manager, plans, today);
    return {
      reference: tenancy.reference,
      unitId: tenancy.unitId,
      from,
      to,
      printedOn: today,
      openingBalanceCents: opening,
      months,
      totals,
      closingBalanceCents: balance,
      arrearsCents: Math.max(0, balance),
      plans: standings.map(({ plan, instalments }) => ({
        agreedOn: plan.agreedOn,
        totalCents: plan.totalCents,
        status: plan.status,
        instalments: instalments.map(({ seq, dueOn, amountCents, state }) => ({ seq, dueOn, amountCents, state })),
      })),
      paymentReference: tenancy.paymentReferenceBase ? structuredCommunication(tenancy.paymentReferenceBase) : null,
    };
  }
}

/** A month `YYYY-MM` from 1900 to 2199, the years a date field accepts. */
const month = () => z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM) between 1900-01 and 2199-12');

export class RentStatementPdfDto extends createZodDto(
  z
    .object({
      from: month().optional().describe('First month of the period (YYYY-MM); by default 11 months before `to`'),
      to: month().optional().describe('Last month of the period (YYYY-MM); by default the current month'),
      language: z.enum(DOCUMENT_LANGUAGES).optional().describe('en, fr or nl; by default the document language recorded on the tenancy (the configured default when none)'),
    })
    .strict(),
) {}

/** The period asked, or the twelve months to today's: never backwards, never longer than MAX_STATEMENT_MONTHS (400 naming the field). */
export function statementPeriod(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = query.to ?? monthOf(today);
  const from = query.from ?? monthOf(addMonths(firstDayOf(to), -11));
  if (from > to) throw new ValidationError([{ field: 'from', message: `must not be after to (${to})` }]);
  if (from < monthOf(addMonths(firstDayOf(to), -(MAX_STATEMENT_MONTHS - 1)))) throw new ValidationError([{ field: 'from', message: `must be at most ${MAX_STATEMENT_MONTHS} months before to (${to})` }]);
  return { from, to };
}

/**
 * Staff print a tenancy's rent statement in the household's language. Staff only: it lists the
 * ledger's payments, which the caseworker's view of a tenancy leaves out (decision 0027), and a
 * landlord never sees the household's payments — both are refused (403).
 */
@ApiTags('ledger')
@ApiProblemResponses()
@Controller('tenancies')
export class RentStatementPdfController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly languages: DocumentLanguages,
    private readonly clock: LeasesClock,
  ) {}

  @Get(':id/rent-statement.pdf')
  @Roles(...STAFF_ROLES)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The rent statement over the period, application/pdf, in the household’s language or the one asked (texts from the en/fr/nl translation files, dates and amounts formatted for the locale)' })
  @ApiNotFoundResponse({ description: 'No such tenancy' })
  async pdf(@Param('id', ParseUUIDPipe) id: string, @QueryParams() query: RentStatementPdfDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    if (!isStaff(actor)) throw new TenancyNotFoundError(id);
    const { from, to } = statementPeriod(query, this.clock.today());
    const statement = await this.queryBus.execute(new RentStatementQuery(id, from, to));
    const pdf = await rentStatementPdf(statement, query.language ?? (await this.languages.householdOfTenancy(id)));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="rent-statement-${id}-${from}-${to}.pdf"` });
  }
}
