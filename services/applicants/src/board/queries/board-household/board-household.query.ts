import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HouseholdNotFoundError } from '../../../households/household.errors';
import { PersonalDataVault } from '../../../households/personal-data';
import { BoardDecisionView, toBoardDecisionView } from '../../board-decision.view';
import { BOARD_COLUMNS, BoardHouseholdView, BoardRow, toBoardHouseholdView } from '../../board-household.view';
import { BoardDecision } from '../../domain/board-decision.entity';
import { ReferenceParam } from '../../reference.pipe';

export type BoardHouseholdDetail = BoardHouseholdView & { decisions: BoardDecisionView[] };

export class GetBoardHouseholdQuery extends Query<BoardHouseholdDetail> {
  constructor(readonly reference: string) {
    super();
  }
}

@QueryHandler(GetBoardHouseholdQuery)
export class GetBoardHouseholdHandler implements IQueryHandler<GetBoardHouseholdQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ reference }: GetBoardHouseholdQuery): Promise<BoardHouseholdDetail> {
    const [row] = await this.dataSource.query<BoardRow[]>(`SELECT ${BOARD_COLUMNS} FROM households h WHERE h.reference = $1`, [reference]);
    if (!row) throw new HouseholdNotFoundError(reference);
    const decisions = await this.dataSource.manager.find(BoardDecision, { where: { householdId: row.id }, order: { decidedAt: 'ASC' } });
    return {
      ...toBoardHouseholdView(row, this.vault.openBreakdown(row.id, row.priority_breakdown_encrypted), new Date()),
      decisions: decisions.map((d) => toBoardDecisionView(d, reference)),
    };
  }
}

@ApiTags('board')
@Controller('board/households')
export class GetBoardHouseholdController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':reference')
  @Roles('board_member', ...STAFF_ROLES)
  @ApiOkResponse({ description: 'One household, pseudonymised, with every board decision about it' })
  get(@Param('reference', ReferenceParam) reference: string) {
    return this.queryBus.execute(new GetBoardHouseholdQuery(reference));
  }
}
