import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { AccessLogEntry } from '../../domain/access-log-entry.entity';
import { HouseholdRepository } from '../../household.repository';

export class AccessLogPageDto extends createZodDto(pageQuery({})) {}

export class GetAccessLogQuery extends Query<Page<AccessLogEntry>> {
  constructor(
    readonly householdId: string,
    readonly page: AccessLogPageDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Who read a household's personal data, when and why; newest first. */
@QueryHandler(GetAccessLogQuery)
export class GetAccessLogHandler implements IQueryHandler<GetAccessLogQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdRepository,
  ) {}

  async execute({ householdId, page, actor }: GetAccessLogQuery): Promise<Page<AccessLogEntry>> {
    await this.households.get(this.dataSource.manager, householdId, actor);
    const [rows, total] = await this.dataSource.manager.findAndCount(AccessLogEntry, {
      where: { householdId },
      order: { accessedAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return toPage(rows, total, page);
  }
}

@ApiTags('privacy')
@ApiProblemResponses()
@Controller('households')
export class GetAccessLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':householdId/access-log')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'Every read of the household’s personal data: who, role, when, purpose' })
  get(@Param('householdId', ParseUUIDPipe) householdId: string, @QueryParams() page: AccessLogPageDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetAccessLogQuery(householdId, page, actor));
  }
}
