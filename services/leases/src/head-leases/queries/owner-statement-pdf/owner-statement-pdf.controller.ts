import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DocumentLanguages } from '../../../documents/document-languages';
import { DOCUMENT_LANGUAGES, OwnerStatementDocument, ownerStatementPdf } from '../../../documents/documents';
import { OwnerStatementQuery } from '../owner-statement/owner-statement.query';

export class OwnerStatementPdfDto extends createZodDto(
  z.object({ language: z.enum(DOCUMENT_LANGUAGES).optional().describe('en, fr or nl; by default the owner’s preferred language (the configured default when not known)') }).strict(),
) {}

/** The owner statement as a PDF in the owner's preferred language, or the one asked (texts from the en/fr/nl translation files, amounts and months formatted for the locale). */
@ApiTags('head leases')
@ApiProblemResponses()
@Controller('head-leases')
export class OwnerStatementPdfController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly languages: DocumentLanguages,
  ) {}

  @Get(':id/statement.pdf')
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The statement, application/pdf' })
  @ApiNotFoundResponse({ description: 'No such head lease, or not the landlord’s' })
  async pdf(@Param('id', ParseUUIDPipe) id: string, @QueryParams() query: OwnerStatementPdfDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const statement = (await this.queryBus.execute(new OwnerStatementQuery(id, actor))) as OwnerStatementDocument;
    const pdf = await ownerStatementPdf(statement, query.language ?? (await this.languages.ownerOfHeadLease(id)));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="owner-statement-${id}.pdf"` });
  }
}
