import { ApiProblemResponses } from '@hearth/platform';
import { Public } from '@hearth/auth';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { requestOrigin } from '../../../sign-in/request-origin';
import { linkToken } from '../../link-token.dto';
import { newPassword } from '../../password-field';
import { ResetPasswordCommand } from './reset-password.handler';

export class ResetPasswordDto extends createZodDto(z.object({ token: linkToken(), password: newPassword() }).strict()) {}

@ApiTags('sign-in')
@ApiProblemResponses()
@Controller('auth')
export class ResetPasswordController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The new password is set; sign in with it' })
  @ApiBadRequestResponse({ description: 'AUTH.INVALID_LINK, or VALIDATION_FAILED for a password the policy refuses' })
  async reset(@Body() input: ResetPasswordDto, @Req() request: Request) {
    await this.commandBus.execute(new ResetPasswordCommand(input.token, input.password, requestOrigin(request)));
    return { status: 'password_set' };
  }
}
