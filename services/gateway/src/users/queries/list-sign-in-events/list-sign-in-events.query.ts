import { Roles } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { SIGN_IN_OUTCOMES, SignInEvent } from '../../../sign-in/sign-in-event.entity';

export class ListSignInEventsDto extends createZodDto(
  pageQuery({
    userId: z.uuid().optional(),
    outcome: z.enum(SIGN_IN_OUTCOMES).optional(),
    email: z.email().max(254).optional().describe('The address typed (also for unknown accounts)'),
  }),
) {}

export type SignInEventView = Omit<SignInEvent, 'id'> & { id: number };

export class ListSignInEventsQuery extends Query<Page<SignInEventView>> {
  constructor(readonly filter: ListSignInEventsDto) {
    super();
  }
}

@QueryHandler(ListSignInEventsQuery)
export class ListSignInEventsHandler implements IQueryHandler<ListSignInEventsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListSignInEventsQuery): Promise<Page<SignInEventView>> {
    const query = this.dataSource.manager.createQueryBuilder(SignInEvent, 'e').orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC');
    if (filter.userId) query.andWhere('e.user_id = :userId', { userId: filter.userId });
    if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    if (filter.email) query.andWhere('e.email_key = :email', { email: filter.email.trim().toLowerCase() });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map((row) => ({ ...row, id: Number(row.id) })), total, filter);
  }
}

/** The audit log of sign-ins and failures, for administrators. */
@ApiTags('users')
@ApiProblemResponses()
@Controller('sign-in-events')
export class ListSignInEventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('sra_admin')
  list(@QueryParams() filter: ListSignInEventsDto) {
    return this.queryBus.execute(new ListSignInEventsQuery(filter));
  }
}
