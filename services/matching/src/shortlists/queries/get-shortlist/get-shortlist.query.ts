import { Roles, STAFF_ROLES } from '@hearth/auth';
import { readDirect, UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, queryFlag, queryInt } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
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

/** toShortlistView's fields in its order, with the unit's current version; the waitlist changed as households.changedSince asks it. */
const STORED_SHORTLIST = `SELECT s.unit_id AS "unitId", s.unit_version AS "unitVersion", u.status AS "unitStatus", s.computed_at AS "computedAt",
         EXISTS (SELECT 1 FROM waitlisted_households WHERE updated_at > s.computed_at) AS "waitlistChangedSince",
         s.policy, s.k, s.candidates, s.entries, u.unit_version AS "currentUnitVersion"
    FROM shortlists s JOIN available_units u ON u.unit_id = s.unit_id
   WHERE s.unit_id = $1`;

type StoredShortlistRow = ShortlistView & { currentUnitVersion: number };

/**
 * The unit's shortlist, always current for an available unit: the stored one while nothing it was
 * computed from has changed; computed afresh (and stored) when there is none, when households
 * joined, left or changed on the waitlist since, when the unit changed, or when asked (refresh=true).
 */
@QueryHandler(GetShortlistQuery)
export class GetShortlistHandler implements IQueryHandler<GetShortlistQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly shortlister: Shortlister,
  ) {}

  async execute({ unitId, refresh, k }: GetShortlistQuery): Promise<ShortlistView> {
    const current = refresh ? undefined : await this.storedIfCurrent(unitId, k);
    if (current) return current;
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

  /**
   * The usual read, in one statement without a transaction (decision 0082): the stored shortlist
   * when the rules above would answer it as stored; undefined when there is none or it must be
   * computed again (or the unit is unknown), which the transaction above then does or refuses.
   */
  private async storedIfCurrent(unitId: string, k: number | undefined): Promise<ShortlistView | undefined> {
    const [row] = await readDirect(this.dataSource, (statement) => statement<StoredShortlistRow>(STORED_SHORTLIST, [unitId]));
    if (!row) return undefined;
    const { currentUnitVersion, ...view } = row;
    const stale = view.waitlistChangedSince || view.unitVersion !== currentUnitVersion || (k !== undefined && k !== view.k);
    return !stale || view.unitStatus !== 'available' ? view : undefined;
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
