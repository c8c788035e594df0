import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Calendar } from '../../../calendar/calendar';
import { Language, LANGUAGES } from '../../../i18n/labels';
import { IndicatorAnswers } from '../../../indicators/indicator-answers';
import { INDICATORS } from '../../../indicators/indicator-source';
import { annualReportPdf } from '../../annual-report.pdf';

const yearSchema = z.object({ year: z.string().regex(/^(19|20|21)\d\d$/, 'must be a year (YYYY)') }).strict();
export class AnnualReportParams extends createZodDto(yearSchema) {}
export class AnnualReportQueryDto extends createZodDto(z.object({ lang: z.enum(LANGUAGES).default('en').describe('Language of the report') }).strict()) {}

export class AnnualReportQuery extends Query<Buffer> {
  constructor(
    readonly year: string,
    readonly language: Language,
  ) {
    super();
  }
}

/** The year's figures as of its last day (or today, for the year under way), every indicator. */
@QueryHandler(AnnualReportQuery)
export class AnnualReportHandler implements IQueryHandler<AnnualReportQuery> {
  constructor(
    private readonly answers: IndicatorAnswers,
    private readonly calendar: Calendar,
  ) {}

  async execute({ year, language }: AnnualReportQuery): Promise<Buffer> {
    const today = this.calendar.today();
    const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
    const from = `${year}-01-01`;
    const answers = [];
    for (const indicator of INDICATORS) answers.push(await this.answers.answer(indicator, { asOf, from: from <= asOf ? from : asOf, to: asOf }));
    return annualReportPdf(year, answers, language);
  }
}

@ApiTags('reports')
@ApiProblemResponses()
@Controller('reports/annual')
export class AnnualReportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year')
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The annual report (every indicator, its definition, key figures and a chart) as a PDF, in English, French or Dutch' })
  async get(@Param() params: AnnualReportParams, @QueryParams() query: AnnualReportQueryDto, @Res() response: Response): Promise<void> {
    const pdf = await this.queryBus.execute(new AnnualReportQuery(params.year, query.lang));
    response.setHeader('content-type', 'application/pdf');
    response.setHeader('content-disposition', `inline; filename="hearth-annual-report-${params.year}-${query.lang}.pdf"`);
    response.end(pdf);
  }
}
