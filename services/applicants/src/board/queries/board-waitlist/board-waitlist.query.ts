import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { PersonalDataVault } from '../../../households/personal-data';
import { waitlistFilterSchema, waitlistSql } from '../../../waitlist/waitlist.filter';
import { BOARD_COLUMNS, BoardHouseholdView, BoardRow, toBoardHouseholdView } from '../../board-household.view';

export class BoardWaitlistDto extends createZodDto(waitlistFilterSchema) {}

export type BoardWaitlistEntry = BoardHouseholdView & { rank: number };

export class BoardWaitlistQuery extends Query<Page<BoardWaitlistEntry>> {
  constructor(readonly filter: BoardWaitlistDto) {
    super();
  }
}

/** The waitlist as the board reviews it: pseudonymised (reference, size, needs, score breakdown, waiting days). */
@QueryHandler(BoardWaitlistQuery)
export class BoardWaitlistHandler implements IQueryHandler<BoardWaitlistQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ filter }: BoardWaitlistQuery): Promise<Page<BoardWaitlistEntry>> {
    const sql = waitlistSql(filter, BOARD_COLUMNS);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<BoardRow[]>(sql.page.sql, sql.page.params),
      this.dataSource.query<{ total: number }[]>(sql.count.sql, sql.count.params),
    ]);
    const today = new Date();
    return toPage(
      rows.map((row, i) => ({ rank: filter.offset + i + 1, ...toBoardHouseholdView(row, this.vault.openBreakdown(row.id, row.priority_breakdown_encrypted), today) })),
      total,
      filter,
    );
  }
}

@ApiTags('board')
@Controller('board/waitlist')
export class BoardWaitlistController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('board_member', ...STAFF_ROLES)
  @ApiOkResponse({ description: 'Pseudonymised waitlist in priority order: reference, household size, needs, score breakdown, waiting days' })
  list(@QueryParams() filter: BoardWaitlistDto) {
    return this.queryBus.execute(new BoardWaitlistQuery(filter));
  }
}
