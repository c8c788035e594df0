import { Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, queryFlag, queryInt } from '@hearth/platform';
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
        .describe('Recompute now (and store) even if nothing changed; a stale shortlist of an available unit is recomputed without it'),
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

/**
 * The unit's shortlist, always current for an available unit: the stored one while nothing it was
 * computed from has changed; computed afresh (and stored) when there is none, when households
 * joined, left or changed on the waitlist since, when the unit changed, or when asked (refresh=true).
 */
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
      if (stored) {
        const waitlistChanged = await this.households.changedSince(manager, stored.computedAt);
        const stale = waitlistChanged || stored.unitVersion !== unit.unitVersion || (k !== undefined && k !== stored.k);
        // A unit no longer available keeps the shortlist its offers were made from (flagged when the waitlist moved on).
        if (!stale || !unit.isAvailable) return toShortlistView(stored, unit, waitlistChanged);
      }
      if (!unit.isAvailable) throw new ShortlistUnitNotAvailableError(unitId, unit.status);
      return toShortlistView(await this.shortlister.computeAndStore(manager, unit, k ?? stored?.k), unit, false);
    });
  }
}

@ApiTags('shortlists')
@ApiProblemResponses()
@Controller('units/:unitId')
export class GetShortlistController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('shortlist')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'The unit’s shortlist: its best households by the engine, with the score breakdown and the reasons',
    description:
      'Computed when the unit becomes available, and again on the next read once the waitlist or the unit has changed (waitlistChangedSince is then false): ' +
      'callers never need refresh=true to see a newly waitlisted household. A unit no longer available answers the shortlist its offers were made from. ' +
      'Only waitlisted households without a proposed or open offer, ' +
      'and not offered this unit before, are on it.',
  })
  @ApiConflictResponse({ description: 'SHORTLIST.UNIT_NOT_AVAILABLE: asked to compute for a unit that is not available' })
  get(@Param('unitId', ParseUUIDPipe) unitId: string, @QueryParams() query: GetShortlistDto) {
    return this.queryBus.execute(new GetShortlistQuery(unitId, query.refresh ?? false, query.k));
  }
}
