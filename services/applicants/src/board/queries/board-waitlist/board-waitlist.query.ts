import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Page, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { BOARD_REVIEW } from '../../../households/access-purpose';
import { PersonalDataVault } from '../../../households/personal-data';
import { PersonalDataReader } from '../../../households/personal-data.reader';
import { waitlistFilterSchema, waitlistSql } from '../../../waitlist/waitlist.filter';
import { BOARD_COLUMNS, BoardHouseholdView, BoardRow, toBoardHouseholdView } from '../../board-household.view';

export class BoardWaitlistDto extends createZodDto(waitlistFilterSchema) {}

export type BoardWaitlistEntry = BoardHouseholdView & { rank: number };

export class BoardWaitlistQuery extends Query<Page<BoardWaitlistEntry>> {
  constructor(
    readonly filter: BoardWaitlistDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The waitlist as the board reviews it: pseudonymised (reference, size, needs, score breakdown,
 * waiting days). Every household whose breakdown the page shows gets an access-log row.
 */
@QueryHandler(BoardWaitlistQuery)
export class BoardWaitlistHandler implements IQueryHandler<BoardWaitlistQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly vault: PersonalDataVault,
    private readonly reader: PersonalDataReader,
  ) {}

  execute({ filter, actor }: BoardWaitlistQuery): Promise<Page<BoardWaitlistEntry>> {
    const sql = waitlistSql(filter, BOARD_COLUMNS);
    return this.unitOfWork.run(async (manager) => {
      const rows = await manager.query<BoardRow[]>(sql.page.sql, sql.page.params);
      const [{ total }] = await manager.query<{ total: number }[]>(sql.count.sql, sql.count.params);
      const withBreakdown = rows.filter((row) => row.priority_breakdown_encrypted !== null).map((row) => row.id);
      await this.reader.recordAccesses(manager, withBreakdown, actor, BOARD_REVIEW, 'score_breakdown');
      const today = new Date();
      return toPage(
        rows.map((row, i) => ({ rank: filter.offset + i + 1, ...toBoardHouseholdView(row, this.vault.openBreakdown(row.id, row.priority_breakdown_encrypted), today) })),
        total,
        filter,
      );
    });
  }
}

@ApiTags('board')
@ApiProblemResponses()
@Controller('board/waitlist')
export class BoardWaitlistController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('board_member', ...STAFF_ROLES)
  @ApiOkResponse({ description: 'Pseudonymised waitlist in priority order: reference, household size, needs, score breakdown, waiting days' })
  list(@QueryParams() filter: BoardWaitlistDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new BoardWaitlistQuery(filter, actor));
  }
}
