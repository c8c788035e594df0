import { Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { queryFlag, queryInt } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { HouseholdPool } from '../../../household-pool/household-pool.repository';
import { UnitPool } from '../../../unit-pool/unit-pool.repository';
import { ShortlistUnitNotAvailableError } from '../../../unit-pool/unit-pool.errors';
import { Shortlist } from '../../domain/shortlist.entity';
import { Shortlister } from '../../shortlister';
import { ShortlistView, toShortlistView } from '../../shortlist.view';

export class GetShortlistDto extends createZodDto(
  z
    .object({
      refresh: queryFlag()
        .optional()
        .describe('Recompute now (and store) instead of returning the stored shortlist'),
      k: queryInt({ min: 1, max: 100 }).optional().describe('How many households to keep when computing (SHORTLIST_SIZE by default)'),
    })
    .strict(),
) {}

export class GetShortlistQuery extends Query<ShortlistView> {
  constructor(
    readonly unitId: string,
    readonly refresh: boolean,
    readonly k?: number,
  ) {
    super();
  }
}

/** The stored shortlist of the unit; computed (and stored) when asked to refresh, or when there is none yet. */
@QueryHandler(GetShortlistQuery)
export class GetShortlistHandler implements IQueryHandler<GetShortlistQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly shortlister: Shortlister,
  ) {}

  execute({ unitId, refresh, k }: GetShortlistQuery): Promise<ShortlistView> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.get(manager, unitId);
      const stored = refresh ? null : await manager.findOneBy(Shortlist, { unitId });
      if (stored) return toShortlistView(stored, unit, await this.households.changedSince(manager, stored.computedAt));
      if (!unit.isAvailable) throw new ShortlistUnitNotAvailableError(unitId, unit.status);
      return toShortlistView(await this.shortlister.computeAndStore(manager, unit, k), unit, false);
    });
  }
}

@ApiTags('shortlists')
@Controller('units/:unitId')
export class GetShortlistController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('shortlist')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'The unit’s shortlist: its best households by the engine, with the score breakdown and the reasons',
    description:
      'Computed when the unit becomes available and on request (refresh=true). Only waitlisted households without a proposed or open offer, ' +
      'and not offered this unit before, are on it.',
  })
  @ApiConflictResponse({ description: 'SHORTLIST.UNIT_NOT_AVAILABLE: asked to compute for a unit that is not available' })
  get(@Param('unitId', ParseUUIDPipe) unitId: string, @QueryParams() query: GetShortlistDto) {
    return this.queryBus.execute(new GetShortlistQuery(unitId, query.refresh ?? false, query.k));
  }
}
