import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, ROLES, Roles } from '@hearth/auth';
import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { User } from '../../domain/user.entity';
import { UserNotFoundError } from '../../user.errors';
import { toUserView, type UserView } from '../../user.view';

export class GetMeQuery extends Query<UserView & { actingAs: Actor['role'] }> {
  constructor(readonly actor: Actor) {
    super();
  }
}

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ actor }: GetMeQuery) {
    const user = await this.dataSource.manager.findOneBy(User, { id: actor.id });
    if (!user) throw new UserNotFoundError(actor.id);
    return { ...toUserView(user), actingAs: actor.role };
  }
}

@ApiTags('me')
@ApiProblemResponses()
@Controller('me')
export class GetMeController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ description: 'The signed-in user, the role they act as, and their linked records' })
  get(@CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetMeQuery(actor));
  }
}
