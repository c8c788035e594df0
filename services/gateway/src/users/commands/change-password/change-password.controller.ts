import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, ROLES, Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { requestOrigin } from '../../../sign-in/request-origin';
import { newPassword } from '../../password-field';
import { ChangePasswordCommand } from './change-password.handler';

export class ChangePasswordDto extends createZodDto(z.object({ currentPassword: z.string().min(1).max(1024), newPassword: newPassword() }).strict()) {}

@ApiTags('me')
@ApiProblemResponses()
@Controller('me')
export class ChangePasswordController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('password')
  @Roles(...ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every session ended' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: wrong current password, or a new password the policy refuses' })
  change(@Body() input: ChangePasswordDto, @CurrentActor() actor: Actor, @Req() request: Request): Promise<void> {
    return this.commandBus.execute(new ChangePasswordCommand(actor, input.currentPassword, input.newPassword, requestOrigin(request)));
  }
}
