import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { ApiProblemResponses, ConflictError } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HOUSEHOLD_ROLES } from '../../../households/household-access';
import { HouseholdRepository } from '../../../households/household.repository';

export interface WaitlistPosition {
  householdId: string;
  reference: string;
  programme: string;
  bedroomsNeeded: number;
  priority: number;
  /** 1 = first among comparable households. */
  position: number;
  /** Waitlisted households of the same programme needing the same number of bedrooms. */
  comparableHouseholds: number;
}

export class GetWaitlistPositionQuery extends Query<WaitlistPosition> {
  constructor(
    readonly householdId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A household's place among comparable households: same programme, same bedrooms needed. */
@QueryHandler(GetWaitlistPositionQuery)
export class GetWaitlistPositionHandler implements IQueryHandler<GetWaitlistPositionQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdRepository,
  ) {}

  async execute({ householdId, actor }: GetWaitlistPositionQuery): Promise<WaitlistPosition> {
    const household = await this.households.get(this.dataSource.manager, householdId, actor);
    if (household.status !== 'waitlisted') throw new ConflictError('HOUSEHOLD.NOT_WAITLISTED', `${household.reference} is ${household.status}, not on the waitlist`);
    // Compared in SQL with the row's own values (no timestamp round trip through JavaScript).
    const [row] = await this.dataSource.query<{ ahead: number; comparable: number }[]>(
      `WITH me AS (SELECT priority, registered_at, reference, programme, bedrooms_needed FROM households WHERE id = $1)
       SELECT count(*) FILTER (
                WHERE h.priority > me.priority
                   OR (h.priority = me.priority AND (h.registered_at < me.registered_at OR (h.registered_at = me.registered_at AND h.reference < me.reference)))
              )::int AS ahead,
              count(*)::int AS comparable
         FROM households h, me
        WHERE h.status = 'waitlisted' AND h.programme = me.programme AND h.bedrooms_needed = me.bedrooms_needed`,
      [household.id],
    );
    return {
      householdId,
      reference: household.reference,
      programme: household.programme,
      bedroomsNeeded: household.bedroomsNeeded,
      priority: household.priority!,
      position: row.ahead + 1,
      comparableHouseholds: row.comparable,
    };
  }
}

@ApiTags('waitlist')
@ApiProblemResponses()
@Controller('households')
export class GetWaitlistPositionController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':householdId/waitlist-position')
  @Roles(...HOUSEHOLD_ROLES)
  @ApiOkResponse({ description: 'The household’s position among waitlisted households of the same programme needing the same number of bedrooms' })
  @ApiConflictResponse({ description: 'HOUSEHOLD.NOT_WAITLISTED' })
  get(@Param('householdId', ParseUUIDPipe) householdId: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetWaitlistPositionQuery(householdId, actor));
  }
}
