import { ApiProblemResponses } from '@hearth/platform';
import { Public } from '@hearth/auth';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { RequestPasswordResetCommand } from './request-password-reset.handler';

export class RequestPasswordResetDto extends createZodDto(z.object({ email: z.email().max(254) }).strict()) {}

@ApiTags('sign-in')
@ApiProblemResponses()
@Controller('auth')
export class RequestPasswordResetController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'If the address has an account, a reset link is on its way' })
  async request(@Body() input: RequestPasswordResetDto) {
    await this.commandBus.execute(new RequestPasswordResetCommand(input.email));
    return { status: 'reset_link_sent_if_account_exists' };
  }
}
