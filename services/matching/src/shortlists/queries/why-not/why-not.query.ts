import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Ineligibility, ScoreBreakdown, scoreBreakdown, whyNot } from '@hearth/matching-engine';
import { UnitOfWork } from '@hearth/persistence';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityManager, In } from 'typeorm';
import { HouseholdPool } from '../../../household-pool/household-pool.repository';
import { todayUtc, toEngineApplicant, WaitlistedHousehold } from '../../../household-pool/waitlisted-household.entity';
import { MatchingSettings } from '../../../matching-settings';
import { Offer } from '../../../offers/domain/offer.entity';
import { LIVE_OFFER_STATUSES } from '../../../offers/domain/offer-status';
import { AvailableUnit, toEngineUnit } from '../../../unit-pool/available-unit.entity';
import { UnitPool } from '../../../unit-pool/unit-pool.repository';
import { Shortlister } from '../../shortlister';

export type ObstacleCode = 'unit_not_available' | 'household_not_waitlisted' | 'household_has_live_offer' | 'already_offered_this_unit' | 'beyond_shortlist';

export interface WhyNotView {
  unitId: string;
  householdId: string;
  reference: string;
  /** Whether the pair passes the seven hard rules (the engine's answer). */
  eligible: boolean;
  /** Every hard rule the pair fails, in words (the engine's whyNot). */
  failedRules: Ineligibility[];
  /** What else keeps the household off this unit's shortlist now. */
  obstacles: { code: ObstacleCode; message: string }[];
  score: ScoreBreakdown | null;
  /** Position among the unit's current candidates (1 = first), when it is one. */
  rank: number | null;
  shortlistSize: number;
  summary: string;
}

export class WhyNotQuery extends Query<WhyNotView> {
  constructor(
    readonly unitId: string,
    readonly householdId: string,
  ) {
    super();
  }
}

/** Why a named household is not (or is) on a unit's shortlist, in words a caseworker can pass on. */
@QueryHandler(WhyNotQuery)
export class WhyNotHandler implements IQueryHandler<WhyNotQuery> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly shortlister: Shortlister,
    private readonly settings: MatchingSettings,
  ) {}

  execute({ unitId, householdId }: WhyNotQuery): Promise<WhyNotView> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.get(manager, unitId);
      const household = await this.households.get(manager, householdId);
      const engineUnit = toEngineUnit(unit);
      const applicant = toEngineApplicant(household, todayUtc());
      const failedRules = whyNot(engineUnit, applicant, this.settings.policy);
      const eligible = failedRules.length === 0;
      const obstacles = await this.obstacles(manager, unit, household);
      let rank: number | null = null;
      if (eligible && obstacles.length === 0) {
        const { entries } = await this.shortlister.rank(manager, unit, Infinity);
        const position = entries.findIndex((entry) => entry.householdId === householdId);
        rank = position < 0 ? null : position + 1;
        if (rank !== null && rank > this.settings.shortlistSize) {
          obstacles.push({
            code: 'beyond_shortlist',
            message: `The household is number ${rank} among ${entries.length} eligible households; the shortlist keeps the first ${this.settings.shortlistSize}.`,
          });
        }
      }
      return {
        unitId,
        householdId,
        reference: household.reference,
        eligible,
        failedRules,
        obstacles,
        score: eligible ? scoreBreakdown(applicant, engineUnit, this.settings.policy) : null,
        rank,
        shortlistSize: this.settings.shortlistSize,
        summary: summarise(household.reference, failedRules, obstacles, rank),
      };
    });
  }

  private async obstacles(manager: EntityManager, unit: AvailableUnit, household: WaitlistedHousehold): Promise<WhyNotView['obstacles']> {
    const obstacles: WhyNotView['obstacles'] = [];
    if (!unit.isAvailable) obstacles.push({ code: 'unit_not_available', message: `The unit is ${unit.status.replace(/_/g, ' ')}, not available.` });
    if (!household.isWaitlisted) {
      obstacles.push({ code: 'household_not_waitlisted', message: `The household is ${household.status}, not waitlisted, so it is not matched.` });
    }
    const live = await manager.findOne(Offer, { where: { householdId: household.householdId, status: In([...LIVE_OFFER_STATUSES]) } });
    if (live) {
      obstacles.push({
        code: 'household_has_live_offer',
        message: live.unitId === unit.unitId ? `The household already has an offer (${live.status}) for this unit.` : `The household has an offer (${live.status}) for another unit.`,
      });
    }
    const earlier = await manager.findOne(Offer, { where: { householdId: household.householdId, unitId: unit.unitId, status: In(['accepted', 'declined', 'expired', 'withdrawn']) }, order: { createdAt: 'DESC' } });
    if (earlier) obstacles.push({ code: 'already_offered_this_unit', message: `The household was offered this unit before (${earlier.status}).` });
    return obstacles;
  }
}

function summarise(reference: string, failedRules: Ineligibility[], obstacles: WhyNotView['obstacles'], rank: number | null): string {
  if (failedRules.length > 0) return `Household ${reference} is not eligible for this unit: ${failedRules.map((f) => f.message).join(' ')}`;
  if (obstacles.length > 0) return `Household ${reference} is eligible, but: ${obstacles.map((o) => o.message).join(' ')}`;
  return `Household ${reference} is eligible and number ${rank} on this unit’s shortlist.`;
}

@ApiTags('shortlists')
@ApiProblemResponses()
@Controller('units/:unitId')
export class WhyNotController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('why-not/:householdId')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Why a household is not on the unit’s shortlist: the hard rules it fails (the engine’s words) and anything else in the way' })
  whyNot(@Param('unitId', ParseUUIDPipe) unitId: string, @Param('householdId', ParseUUIDPipe) householdId: string) {
    return this.queryBus.execute(new WhyNotQuery(unitId, householdId));
  }
}
