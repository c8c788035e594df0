import { ApiProblemResponses } from '@hearth/platform';
import { Public } from '@hearth/auth';
import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { GatewayConfig } from '../../../config';
import { GATEWAY_CONFIG } from '../../../gateway.tokens';
import { SignedInDto } from '../../../sign-in/commands/sign-in/sign-in.dto';
import { requestOrigin } from '../../../sign-in/request-origin';
import { clearRefreshCookie, refreshCookie, setRefreshCookie } from '../../refresh-cookie';
import { RefreshSessionCommand } from './refresh-session.handler';

@ApiTags('sign-in')
@ApiProblemResponses()
@Controller('auth')
export class RefreshSessionController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto, description: 'A new access token; the refresh cookie is replaced by a new one' })
  @ApiUnauthorizedResponse({ description: 'AUTH.SESSION_ENDED: no, an expired, revoked or reused refresh token' })
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    try {
      const { refreshToken, ...refreshed } = await this.commandBus.execute(new RefreshSessionCommand(refreshCookie(request), requestOrigin(request)));
      setRefreshCookie(response, refreshToken, this.config);
      return refreshed;
    } catch (error) {
      clearRefreshCookie(response, this.config);
      throw error;
    }
  }
}
