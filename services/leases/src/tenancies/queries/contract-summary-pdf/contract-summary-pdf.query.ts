import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { LeasesClock } from '../../../clock';
import { DocumentLanguages } from '../../../documents/document-languages';
import { ContractSummaryDocument, contractSummaryPdf, DOCUMENT_LANGUAGES } from '../../../documents/documents';
import { HeadLease } from '../../../head-leases/domain/head-lease.entity';
import { TenancyNotFoundError } from '../../../leases.errors';
import { Tenancy } from '../../domain/tenancy.entity';
import { toTenancyView } from '../../tenancy.view';

export class ContractSummaryQuery extends Query<ContractSummaryDocument> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/**
 * The tenancy's terms as leases records them: the household and the owner by reference only (leases
 * holds no names), the legal landlord (the agency under a head lease, else the owner), the flat,
 * the dates, rent, charges, who pays what, the deposit and the payment reference.
 */
@QueryHandler(ContractSummaryQuery)
export class ContractSummaryHandler implements IQueryHandler<ContractSummaryQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  async execute({ tenancyId }: ContractSummaryQuery): Promise<ContractSummaryDocument> {
    const tenancy = await this.dataSource.manager.findOneBy(Tenancy, { id: tenancyId });
    if (!tenancy) throw new TenancyNotFoundError(tenancyId);
    const headLease = tenancy.headLeaseId ? await this.dataSource.manager.findOneBy(HeadLease, { id: tenancy.headLeaseId }) : null;
    const view = toTenancyView(tenancy);
    return {
      reference: view.reference,
      unitId: view.unitId,
      status: view.status,
      legalLandlord: view.legalLandlord,
      landlordId: view.landlordId,
      scheme: headLease?.scheme ?? null,
      startDate: view.startDate,
      endDate: view.endDate,
      signedOn: view.signedOn,
      rentCents: view.rentCents,
      serviceChargesCents: view.serviceChargesCents,
      benefitCents: view.benefitCents,
      householdShareCents: view.householdShareCents,
      deposit: view.deposit,
      paymentReference: view.paymentReference,
      notice: tenancy.noticeGivenOn && tenancy.noticeGivenBy && tenancy.endsOn ? { givenOn: tenancy.noticeGivenOn, givenBy: tenancy.noticeGivenBy, endsOn: tenancy.endsOn } : null,
      printedOn: this.clock.today(),
    };
  }
}

export class ContractSummaryPdfDto extends createZodDto(
  z.object({ language: z.enum(DOCUMENT_LANGUAGES).optional().describe('en, fr or nl; by default the document language recorded on the tenancy (the configured default when none)') }).strict(),
) {}

/**
 * Staff print a tenancy's contract summary in the household's language. Staff only: it names the
 * legal landlord and the deposit, which a caseworker's view of the tenancy leaves out (decision
 * 0027), and the rent and payment reference, which a landlord's leaves out — both are refused (403).
 */
@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class ContractSummaryPdfController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly languages: DocumentLanguages,
  ) {}

  @Get(':id/contract-summary.pdf')
  @Roles(...STAFF_ROLES)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The contract summary, application/pdf, in the household’s language or the one asked (texts from the en/fr/nl translation files, dates and amounts formatted for the locale)' })
  @ApiNotFoundResponse({ description: 'No such tenancy' })
  async pdf(@Param('id', ParseUUIDPipe) id: string, @QueryParams() query: ContractSummaryPdfDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    if (!isStaff(actor)) throw new TenancyNotFoundError(id);
    const summary = await this.queryBus.execute(new ContractSummaryQuery(id));
    const pdf = await contractSummaryPdf(summary, query.language ?? (await this.languages.householdOfTenancy(id)));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="contract-summary-${id}.pdf"` });
  }
}
