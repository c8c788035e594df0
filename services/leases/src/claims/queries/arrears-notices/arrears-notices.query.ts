import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, NotFoundError } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { z } from 'zod';
import { structuredCommunication } from '../../../bank-import/domain/structured-communication';
import { DocumentLanguages } from '../../../documents/document-languages';
import { ArrearsNoticeDocument, arrearsNoticePdf, DOCUMENT_LANGUAGES } from '../../../documents/documents';
import { TenancyNotFoundError } from '../../../leases.errors';
import { LedgerEntry } from '../../../ledger/domain/ledger-entry.entity';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { ArrearsNotice } from '../../domain/claim.entity';
import { unpaidMonths } from '../../domain/claim-rules';

export class ListArrearsNoticesQuery extends Query<{ items: { id: string; kind: string; sentOn: string; payBy: string | null; arrearsCents: number; late: boolean }[] }> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/** The reminders and formal notices sent to a tenancy's household on the arrears ladder, oldest first. */
@QueryHandler(ListArrearsNoticesQuery)
export class ListArrearsNoticesHandler implements IQueryHandler<ListArrearsNoticesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ tenancyId }: ListArrearsNoticesQuery) {
    if (!(await this.dataSource.manager.existsBy(Tenancy, { id: tenancyId }))) throw new TenancyNotFoundError(tenancyId);
    const notices = await this.dataSource.manager.find(ArrearsNotice, { where: { tenancyId }, order: { sentOn: 'ASC' } });
    return { items: notices.map((n) => ({ id: n.id, kind: n.kind, sentOn: n.sentOn, payBy: n.payBy, arrearsCents: n.arrearsCents, late: n.late })) };
  }
}

export class ArrearsNoticeDocumentQuery extends Query<ArrearsNoticeDocument> {
  constructor(
    readonly tenancyId: string,
    readonly noticeId: string,
  ) {
    super();
  }
}

/** A notice as it was sent: the months unpaid on its day (the ledger as it stood then, payments settling the oldest first). */
@QueryHandler(ArrearsNoticeDocumentQuery)
export class ArrearsNoticeDocumentHandler implements IQueryHandler<ArrearsNoticeDocumentQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ tenancyId, noticeId }: ArrearsNoticeDocumentQuery): Promise<ArrearsNoticeDocument> {
    const manager = this.dataSource.manager;
    const tenancy = await manager.findOneBy(Tenancy, { id: tenancyId });
    if (!tenancy) throw new TenancyNotFoundError(tenancyId);
    const notice = await manager.findOneBy(ArrearsNotice, { id: noticeId, tenancyId });
    if (!notice) throw new NotFoundError('NOTICE.NOT_FOUND', `No notice ${noticeId} of tenancy ${tenancyId}`);
    const entries = await manager.find(LedgerEntry, { where: { tenancyId, bookedOn: LessThanOrEqual(notice.sentOn) } });
    const credits = new Map<string, number>();
    for (const e of entries.filter((e) => e.kind === 'credit')) credits.set(e.month!, (credits.get(e.month!) ?? 0) + e.amountCents);
    const charges = entries.filter((e) => e.kind === 'charge').map((e) => ({ month: e.month!, dueOn: e.bookedOn, amountCents: e.amountCents - (credits.get(e.month!) ?? 0) }));
    const paid = entries.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountCents, 0);
    return {
      kind: notice.kind,
      reference: tenancy.reference,
      unitId: tenancy.unitId,
      legalLandlord: tenancy.legalLandlord,
      sentOn: notice.sentOn,
      payBy: notice.payBy,
      arrearsCents: notice.arrearsCents,
      months: unpaidMonths(charges, paid, notice.sentOn),
      paymentReference: tenancy.paymentReferenceBase ? structuredCommunication(tenancy.paymentReferenceBase) : null,
    };
  }
}

export class ArrearsNoticePdfDto extends createZodDto(
  z.object({ language: z.enum(DOCUMENT_LANGUAGES).optional().describe('en, fr or nl; by default the document language recorded on the tenancy (the configured default when none)') }).strict(),
) {}

/** Staff list a tenancy's arrears notices and print each as the household received it, in its language. */
@ApiTags('guarantee claims')
@ApiProblemResponses()
@Controller('tenancies')
export class ArrearsNoticesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly languages: DocumentLanguages,
  ) {}

  @Get(':id/notices')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'Reminders and formal notices sent, oldest first (integer cents)' })
  @ApiNotFoundResponse({ description: 'No such tenancy' })
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.queryBus.execute(new ListArrearsNoticesQuery(id));
  }

  @Get(':id/notices/:noticeId/pdf')
  @Roles(...STAFF_ROLES)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The reminder or formal notice, application/pdf, in the household’s language or the one asked (texts from the en/fr/nl translation files, dates and amounts formatted for the locale)' })
  @ApiNotFoundResponse({ description: 'No such tenancy or notice' })
  async pdf(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('noticeId', ParseUUIDPipe) noticeId: string,
    @QueryParams() query: ArrearsNoticePdfDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    if (!isStaff(actor)) throw new TenancyNotFoundError(id);
    const notice = await this.queryBus.execute(new ArrearsNoticeDocumentQuery(id, noticeId));
    const pdf = await arrearsNoticePdf(notice, query.language ?? (await this.languages.householdOfTenancy(id)));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${notice.kind.replace('_', '-')}-${noticeId}.pdf"` });
  }
}
