import { ROLES, Roles } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage, queryText } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { User } from '../../domain/user.entity';
import { UserNotFoundError } from '../../user.errors';
import { toUserView, type UserView } from '../../user.view';

export class ListUsersDto extends createZodDto(
  pageQuery({
    status: z.enum(['invited', 'active', 'locked', 'deactivated']).optional(),
    role: z.enum(ROLES).optional(),
    email: queryText(254).optional().describe('Part of the e-mail address'),
    landlordId: z.uuid().optional(),
  }),
) {}

export class ListUsersQuery extends Query<Page<UserView>> {
  constructor(readonly filter: ListUsersDto) {
    super();
  }
}

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListUsersQuery): Promise<Page<UserView>> {
    const query = this.dataSource.manager.createQueryBuilder(User, 'u').orderBy('u.created_at', 'DESC').addOrderBy('u.id');
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.role) query.andWhere(':role = ANY (u.roles)', { role: filter.role });
    if (filter.landlordId) query.andWhere('u.landlord_id = :landlordId', { landlordId: filter.landlordId });
    if (filter.email) query.andWhere(`u.email_key LIKE :email ESCAPE '\\'`, { email: `%${filter.email.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map(toUserView), total, filter);
  }
}

export class GetUserQuery extends Query<UserView> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: GetUserQuery): Promise<UserView> {
    const user = await this.dataSource.manager.findOneBy(User, { id });
    if (!user) throw new UserNotFoundError(id);
    return toUserView(user);
  }
}

@ApiTags('users')
@ApiProblemResponses()
@Controller('users')
@Roles('sra_admin')
export class ListUsersController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  list(@QueryParams() filter: ListUsersDto) {
    return this.queryBus.execute(new ListUsersQuery(filter));
  }

  @Get(':userId')
  get(@Param('userId', ParseUUIDPipe) id: string) {
    return this.queryBus.execute(new GetUserQuery(id));
  }
}
