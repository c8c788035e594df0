import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, date, NotFoundError, ValidationError } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, PipeTransform, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DocumentLanguages } from '../../../documents/document-languages';
import { DOCUMENT_LANGUAGES, IndexationNoticeDocument, indexationNoticePdf, NOTICE_RECIPIENTS } from '../../../documents/documents';
import { TenancyNotFoundError } from '../../../leases.errors';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { RentIndexation } from '../../domain/indexation.entity';

export class IndexationNoticeQuery extends Query<IndexationNoticeDocument> {
  constructor(
    readonly tenancyId: string,
    readonly anniversary: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** One indexation of a tenancy's rent with the formula's inputs; staff, or the flat's landlord (anyone else's is 404). */
@QueryHandler(IndexationNoticeQuery)
export class IndexationNoticeHandler implements IQueryHandler<IndexationNoticeQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ tenancyId, anniversary, actor }: IndexationNoticeQuery): Promise<IndexationNoticeDocument> {
    const tenancy = await this.dataSource.manager.findOneBy(Tenancy, { id: tenancyId });
    if (!tenancy || !(isStaff(actor) || (actor.role === 'landlord' && actor.landlordId === tenancy.landlordId))) throw new TenancyNotFoundError(tenancyId);
    const step = await this.dataSource.manager.findOneBy(RentIndexation, { tenancyId, anniversary });
    if (!step) throw new NotFoundError('INDEXATION.NOT_FOUND', `The rent of tenancy ${tenancyId} was not indexed on ${anniversary}`);
    return {
      reference: tenancy.reference,
      unitId: tenancy.unitId,
      anniversary: step.anniversary,
      effectiveOn: step.effectiveOn,
      series: step.series,
      baseRentCents: step.baseRentCents,
      baseMonth: step.baseMonth,
      baseIndex: step.baseIndex,
      newMonth: step.newMonth,
      newIndex: step.newIndex,
      previousRentCents: step.previousRentCents,
      newRentCents: step.newRentCents,
    };
  }
}

export class IndexationNoticePdfDto extends createZodDto(
  z
    .object({
      recipient: z.enum(NOTICE_RECIPIENTS).default('household').describe('Who the notice is for: household or owner (a landlord always gets the owner’s)'),
      language: z
        .enum(DOCUMENT_LANGUAGES)
        .optional()
        .describe('en, fr or nl; by default the recipient’s: the owner’s preferred language, or the document language recorded on the tenancy (the configured default when not known)'),
    })
    .strict(),
) {}

/** The anniversary in the path must be a date (400 naming the field otherwise). */
class AnniversaryPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const parsed = date().safeParse(value);
    if (!parsed.success) throw new ValidationError([{ field: 'anniversary', message: parsed.error.issues[0].message }]);
    return value;
  }
}

/** The notice of a rent indexation to each side, in the recipient's language or the one asked (texts from the en/fr/nl translation files, dates, amounts and index values formatted for the locale). */
@ApiTags('rent indexation')
@ApiProblemResponses()
@Controller('tenancies')
export class IndexationNoticePdfController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly languages: DocumentLanguages,
  ) {}

  @Get(':id/rent-history/:anniversary/notice')
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The indexation notice, application/pdf' })
  @ApiNotFoundResponse({ description: 'No such tenancy or indexation, or not one of the landlord’s flats' })
  async pdf(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('anniversary', new AnniversaryPipe()) anniversary: string,
    @QueryParams() query: IndexationNoticePdfDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const notice = await this.queryBus.execute(new IndexationNoticeQuery(id, anniversary, actor));
    const recipient = actor.role === 'landlord' ? 'owner' : query.recipient;
    const language = query.language ?? (recipient === 'owner' ? await this.languages.ownerOfTenancy(id) : await this.languages.householdOfTenancy(id));
    const pdf = await indexationNoticePdf(notice, recipient, language);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="indexation-${anniversary}-${recipient}.pdf"` });
  }
}
