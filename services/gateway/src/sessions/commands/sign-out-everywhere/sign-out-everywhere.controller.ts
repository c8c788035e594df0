import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, ROLES, Roles } from '@hearth/auth';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { requestOrigin } from '../../../sign-in/request-origin';
import { SignOutEverywhereCommand } from './sign-out-everywhere.handler';

@ApiTags('sign-in')
@ApiProblemResponses()
@Controller('auth')
export class SignOutEverywhereController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('sign-out-everywhere')
  @Roles(...ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every session of the caller ended' })
  signOutEverywhere(@CurrentActor() actor: Actor, @Req() request: Request): Promise<void> {
    return this.commandBus.execute(new SignOutEverywhereCommand(actor, requestOrigin(request)));
  }
}
