import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { waitingDaysOn } from '@hearth/contracts';
import { Page, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { caseloadOf, HOUSEHOLD_ROLES } from '../../../households/household-access';
import { isoDate } from '../../../households/matching-attributes';
import { waitlistFilterSchema, waitlistSql } from '../../waitlist.filter';

export class ListWaitlistDto extends createZodDto(waitlistFilterSchema) {}

export interface WaitlistEntry {
  rank: number;
  householdId: string;
  reference: string;
  programme: string;
  householdSize: number;
  bedroomsNeeded: number;
  wheelchair: boolean;
  stepFree: boolean;
  pets: boolean;
  maxRent: number;
  preferredDistricts: string[];
  excludedDistricts: string[];
  priority: number;
  urgent: boolean;
  registeredOn: string;
  waitingDays: number;
  caseworkerId: string | null;
}

interface Row {
  id: string;
  reference: string;
  programme: string;
  household_size: number;
  bedrooms_needed: number;
  wheelchair: boolean;
  step_free: boolean;
  pets: boolean;
  max_rent: string;
  preferred_districts: string[];
  excluded_districts: string[];
  priority: string;
  urgent: boolean;
  registered_at: Date;
  caseworker_id: string | null;
}

const COLUMNS = `h.id, h.reference, h.programme, h.household_size, h.bedrooms_needed, h.wheelchair, h.step_free, h.pets, h.max_rent,
  h.preferred_districts, h.excluded_districts, h.priority, h.urgent, h.registered_at, h.caseworker_id`;

export class ListWaitlistQuery extends Query<Page<WaitlistEntry>> {
  constructor(
    readonly filter: ListWaitlistDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The waitlist for staff, in priority order, filtered; no personal data. A caseworker sees their caseload's part of it. */
@QueryHandler(ListWaitlistQuery)
export class ListWaitlistHandler implements IQueryHandler<ListWaitlistQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListWaitlistQuery): Promise<Page<WaitlistEntry>> {
    const sql = waitlistSql(filter, COLUMNS, caseloadOf(actor));
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<Row[]>(sql.page.sql, sql.page.params),
      this.dataSource.query<{ total: number }[]>(sql.count.sql, sql.count.params),
    ]);
    const today = new Date();
    return toPage(
      rows.map((row, i) => ({
        rank: filter.offset + i + 1,
        householdId: row.id,
        reference: row.reference,
        programme: row.programme,
        householdSize: row.household_size,
        bedroomsNeeded: row.bedrooms_needed,
        wheelchair: row.wheelchair,
        stepFree: row.step_free,
        pets: row.pets,
        maxRent: Number(row.max_rent),
        preferredDistricts: row.preferred_districts,
        excludedDistricts: row.excluded_districts,
        priority: Number(row.priority),
        urgent: row.urgent,
        registeredOn: isoDate(row.registered_at),
        waitingDays: waitingDaysOn(isoDate(row.registered_at), today),
        caseworkerId: row.caseworker_id,
      })),
      total,
      filter,
    );
  }
}

@ApiTags('waitlist')
@ApiProblemResponses()
@Controller('waitlist')
export class ListWaitlistController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...HOUSEHOLD_ROLES)
  @ApiOkResponse({ description: 'Waitlisted households by priority, then earlier registration, then reference; rank is the place in this filtered list' })
  list(@QueryParams() filter: ListWaitlistDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListWaitlistQuery(filter, actor));
  }
}
