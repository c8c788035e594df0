import { ApiProblemResponses } from '@hearth/platform';
import { Public } from '@hearth/auth';
import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { GatewayConfig } from '../../../config';
import { GATEWAY_CONFIG } from '../../../gateway.tokens';
import { requestOrigin } from '../../../sign-in/request-origin';
import { clearRefreshCookie, refreshCookie } from '../../refresh-cookie';
import { SignOutCommand } from './sign-out.handler';

@ApiTags('sign-in')
@ApiProblemResponses()
@Controller('auth')
export class SignOutController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out (also when already signed out)' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.commandBus.execute(new SignOutCommand(refreshCookie(request), requestOrigin(request)));
    clearRefreshCookie(response, this.config);
  }
}
