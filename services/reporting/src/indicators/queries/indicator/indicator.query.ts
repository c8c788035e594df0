import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { supportProgrammeSchema } from '@hearth/contracts';
import { ApiProblemResponses, date, districtCode, ForbiddenError, NotFoundError, ValidationError } from '@hearth/platform';
import { Controller, Get, Header, Param, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Calendar } from '../../../calendar/calendar';
import { departuresCsv, indicatorCsv, spellsCsv } from '../../../csv/indicator-csv';
import { labels, LANGUAGES } from '../../../i18n/labels';
import { IndicatorAnswer, IndicatorAnswers } from '../../indicator-answers';
import { IndicatorName, INDICATORS } from '../../indicator-source';
import { Question } from '../../question';
import { PriorityDepartures } from '../../priority-departures';
import { Vacancy } from '../../vacancy';

const indicatorQuerySchema = z
  .object({
    asOf: date().optional().describe('Figures as known at the end of this day (agency time zone); today by default'),
    from: date().optional().describe('First day of the period; 1 January of the year of `to` by default'),
    to: date().optional().describe('Last day of the period (at most asOf); asOf by default'),
    programme: supportProgrammeSchema.optional().describe('Only households of this programme (time to house, offers, tenancies)'),
    district: districtCode().optional().describe('Only flats in this district (vacancy, offers, tenancies, complaints)'),
    lang: z.enum(LANGUAGES).default('en').describe('Language of labels and CSV headers'),
    table: z.enum(['figures', 'spells', 'departures']).default('figures').describe('CSV: the figures, or one row per spell (vacancy) or per departure (priority-departures)'),
  })
  .strict();

export class IndicatorQueryDto extends createZodDto(indicatorQuerySchema) {}

export class GetIndicatorQuery extends Query<IndicatorAnswer> {
  constructor(
    readonly indicator: string,
    readonly filter: IndicatorQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The indicators a landlord may read, of its own flats only. */
const LANDLORD_INDICATORS: readonly string[] = ['vacancy', 'arrears', 'collection', 'guarantee-claims'];

/** Who may read what: staff and board members every indicator; a landlord its own flats' vacancy and payment figures (arrears, collection, guarantee claims) only. */
@QueryHandler(GetIndicatorQuery)
export class GetIndicatorHandler implements IQueryHandler<GetIndicatorQuery> {
  constructor(
    private readonly answers: IndicatorAnswers,
    private readonly calendar: Calendar,
  ) {}

  execute({ indicator, filter, actor }: GetIndicatorQuery): Promise<IndicatorAnswer> {
    if (!(INDICATORS as readonly string[]).includes(indicator)) throw new NotFoundError('REPORTING.UNKNOWN_INDICATOR', `No indicator ${indicator}; the indicators are ${INDICATORS.join(', ')}`);
    if (actor.role === 'landlord' && !LANDLORD_INDICATORS.includes(indicator))
      throw new ForbiddenError('REPORTING.LANDLORD_VACANCY_ONLY', 'A landlord reads the vacancy and payment figures (arrears, collection, guarantee claims) of its own flats only');
    const asOf = filter.asOf ?? this.calendar.today();
    const to = filter.to ?? asOf;
    const from = filter.from ?? `${to.slice(0, 4)}-01-01`;
    const errors = [
      ...(to > asOf ? [{ field: 'to', message: 'must not be after asOf (figures as of a day cannot cover later days)' }] : []),
      ...(from > to ? [{ field: 'from', message: 'must not be after to' }] : []),
    ];
    if (errors.length) throw new ValidationError(errors);
    const question: Question = {
      asOf,
      from,
      to,
      programme: filter.programme,
      district: filter.district,
      landlordId: actor.role === 'landlord' ? actor.landlordId : undefined,
    };
    return this.answers.answer(indicator as IndicatorName, question);
  }
}

@ApiTags('indicators')
@ApiProblemResponses()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'board_member', 'landlord')
  @ApiOkResponse({ description: 'The indicators, their titles and definitions in the language asked for' })
  list(@QueryParams('lang') lang?: string) {
    const t = labels((LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as (typeof LANGUAGES)[number]) : 'en');
    return {
      items: INDICATORS.map((name) => ({ name, title: t(`indicators.${name}.title`), definition: t(`indicators.${name}.definition`), definedIn: `docs/indicators.md#${name}` })),
    };
  }

  @Get(':indicator')
  @Roles(...STAFF_ROLES, 'board_member', 'landlord')
  @ApiOkResponse({ description: 'The indicator’s figures for the period as of the day, with the link to its exact definition' })
  get(@Param('indicator') indicator: string, @QueryParams() filter: IndicatorQueryDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetIndicatorQuery(indicator, filter, actor));
  }

  @Get(':indicator/csv')
  @Roles(...STAFF_ROLES, 'board_member', 'landlord')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The same figures as CSV (one row per figure), the vacancy spells with table=spells, the departures from strict priority order with table=departures' })
  async csv(@Param('indicator') indicator: string, @QueryParams() filter: IndicatorQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    const answer = await this.queryBus.execute(new GetIndicatorQuery(indicator, filter, actor));
    if (filter.table === 'spells' && answer.indicator === 'vacancy') return spellsCsv((answer.figures as Vacancy).spells, filter.lang);
    if (filter.table === 'departures' && answer.indicator === 'priority-departures') return departuresCsv((answer.figures as PriorityDepartures).list, filter.lang);
    return indicatorCsv(answer, filter.lang);
  }
}
