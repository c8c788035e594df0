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
import { ConfirmEmailCommand } from './confirm-email.handler';

export class ConfirmEmailDto extends createZodDto(z.object({ token: linkToken() }).strict()) {}

@ApiTags('sign-up')
@ApiProblemResponses()
@Controller('auth')
export class ConfirmEmailController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('confirm-email')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The address is confirmed; sign in' })
  @ApiBadRequestResponse({ description: 'AUTH.INVALID_LINK: unknown, used or expired link' })
  async confirm(@Body() input: ConfirmEmailDto, @Req() request: Request) {
    await this.commandBus.execute(new ConfirmEmailCommand(input.token, requestOrigin(request)));
    return { status: 'confirmed' };
  }
}
