import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BOARD_REVIEW } from '../../../households/access-purpose';
import { HouseholdNotFoundError } from '../../../households/household.errors';
import { PersonalDataVault } from '../../../households/personal-data';
import { PersonalDataReader } from '../../../households/personal-data.reader';
import { BoardDecisionView, toBoardDecisionView } from '../../board-decision.view';
import { BOARD_COLUMNS, BoardHouseholdView, BoardRow, toBoardHouseholdView } from '../../board-household.view';
import { BoardDecision } from '../../domain/board-decision.entity';
import { ReferenceParam } from '../../reference.pipe';

export type BoardHouseholdDetail = BoardHouseholdView & { decisions: BoardDecisionView[] };

export class GetBoardHouseholdQuery extends Query<BoardHouseholdDetail> {
  constructor(
    readonly reference: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** One household as the board reviews it; reading its score breakdown is recorded in the access log. */
@QueryHandler(GetBoardHouseholdQuery)
export class GetBoardHouseholdHandler implements IQueryHandler<GetBoardHouseholdQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly vault: PersonalDataVault,
    private readonly reader: PersonalDataReader,
  ) {}

  execute({ reference, actor }: GetBoardHouseholdQuery): Promise<BoardHouseholdDetail> {
    return this.unitOfWork.run(async (manager) => {
      const [row] = await manager.query<BoardRow[]>(`SELECT ${BOARD_COLUMNS} FROM households h WHERE h.reference = $1`, [reference]);
      if (!row) throw new HouseholdNotFoundError(reference);
      const decisions = await manager.find(BoardDecision, { where: { householdId: row.id }, order: { decidedAt: 'ASC' } });
      if (row.priority_breakdown_encrypted !== null) await this.reader.recordAccesses(manager, [row.id], actor, BOARD_REVIEW, 'score_breakdown');
      return {
        ...toBoardHouseholdView(row, this.vault.openBreakdown(row.id, row.priority_breakdown_encrypted), new Date()),
        decisions: decisions.map((d) => toBoardDecisionView(d, reference)),
      };
    });
  }
}

@ApiTags('board')
@ApiProblemResponses()
@Controller('board/households')
export class GetBoardHouseholdController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':reference')
  @Roles('board_member', ...STAFF_ROLES)
  @ApiOkResponse({ description: 'One household, pseudonymised, with every board decision about it; the read of its score breakdown is recorded in the access log' })
  get(@Param('reference', ReferenceParam) reference: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetBoardHouseholdQuery(reference, actor));
  }
}
