import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { AggregateStore } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, text } from '@hearth/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query as QueryParams } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { KnownHousehold } from '../../../directory/known-household.entity';
import { CaseReviewNotFoundError, ComplaintTransitionError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault, VaultContext } from '../../../vault';
import { CaseReview } from '../../case-review.entity';

function toCaseReviewView(review: CaseReview, vault: MediationVault) {
  return {
    id: review.id,
    version: review.version,
    tenancyId: review.tenancyId,
    unitId: review.unitId,
    householdId: review.householdId,
    complaints: review.complaints,
    status: review.status,
    openedOn: review.openedOn,
    resolvedOn: review.resolvedOn,
    resolution: vault.openOptional<string>(VaultContext.reviewResolution(review.id), review.resolutionEncrypted),
  };
}

type CaseReviewView = ReturnType<typeof toCaseReviewView>;

export class ResolveCaseReviewDto extends createZodDto(z.object({ resolution: text({ max: 4000, multiline: true }).describe('What the review concluded (kept encrypted)') }).strict()) {}

export class ResolveCaseReviewCommand extends Command<CaseReviewView> {
  constructor(
    readonly id: string,
    readonly input: ResolveCaseReviewDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The review is concluded: it no longer counts towards the tenancy's risk. */
@CommandHandler(ResolveCaseReviewCommand)
export class ResolveCaseReviewHandler implements ICommandHandler<ResolveCaseReviewCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ id, input, actor }: ResolveCaseReviewCommand): Promise<CaseReviewView> {
    return this.unitOfWork.run(async (manager) => {
      const review = await manager.findOne(CaseReview, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!review) throw new CaseReviewNotFoundError(id);
      const household = review.householdId ? await manager.findOneBy(KnownHousehold, { householdId: review.householdId }) : null;
      if (!isStaff(actor) && household?.caseworkerId !== actor.id) throw new CaseReviewNotFoundError(id);
      if (review.status !== 'open') throw new ComplaintTransitionError(`Case review ${id} is already resolved`);
      review.status = 'resolved';
      review.resolvedOn = this.rules.today();
      review.resolutionEncrypted = this.vault.seal(VaultContext.reviewResolution(id), input.resolution);
      await this.store.save(manager, CaseReview, review, () => []);
      await this.commandBus.execute(new RecomputeRiskCommand(review.tenancyId));
      return toCaseReviewView(review, this.vault);
    });
  }
}

const listSchema = z.object({ tenancyId: z.uuid().optional(), status: z.enum(['open', 'resolved']).optional() });
export class ListCaseReviewsDto extends createZodDto(listSchema) {}

export class ListCaseReviewsQuery extends Query<CaseReviewView[]> {
  constructor(
    readonly filter: ListCaseReviewsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Case reviews, newest first (at most 200); a caseworker sees those of their caseload. */
@QueryHandler(ListCaseReviewsQuery)
export class ListCaseReviewsHandler implements IQueryHandler<ListCaseReviewsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: MediationVault,
  ) {}

  async execute({ filter, actor }: ListCaseReviewsQuery): Promise<CaseReviewView[]> {
    const query = this.dataSource.manager.createQueryBuilder(CaseReview, 'r').orderBy('r.opened_on', 'DESC').addOrderBy('r.id').take(200);
    if (filter.tenancyId) query.andWhere('r.tenancy_id = :tenancyId', { tenancyId: filter.tenancyId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (!isStaff(actor)) {
      query.andWhere('r.household_id IN (SELECT h.household_id FROM known_households h WHERE h.caseworker_id = :me)', { me: actor.id });
    }
    return (await query.getMany())
      .map((review) => toCaseReviewView(review, this.vault));
  }
}

@ApiTags('case reviews')
@ApiProblemResponses()
@Controller('case-reviews')
export class CaseReviewsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker')
  list(@QueryParams() filter: ListCaseReviewsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListCaseReviewsQuery(filter, actor));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'caseworker')
  @ApiConflictResponse({ description: 'COMPLAINT.INVALID_TRANSITION (already resolved)' })
  resolve(@Param('id', ParseUUIDPipe) id: string, @Body() input: ResolveCaseReviewDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new ResolveCaseReviewCommand(id, input, actor));
  }
}
