import { ApiProblemResponses } from '@hearth/platform';
import { Public } from '@hearth/auth';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { GatewayConfig } from '../../../config';
import { GATEWAY_CONFIG } from '../../../gateway.tokens';
import { setRefreshCookie } from '../../../sessions/refresh-cookie';
import { requestOrigin } from '../../request-origin';
import { SignedInDto, SignInDto } from './sign-in.dto';
import { SignInCommand } from './sign-in.handler';

@ApiTags('sign-in')
@ApiProblemResponses()
@Controller('auth')
export class SignInController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto, description: 'An access token; the refresh token is set as an httpOnly cookie' })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS, AUTH.ACCOUNT_LOCKED, AUTH.ACCOUNT_INACTIVE, AUTH.TOTP_REQUIRED, AUTH.TOTP_ENROLMENT_REQUIRED' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS: too many failures from this address' })
  async signIn(@Body() input: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { refreshToken, ...signedIn } = await this.commandBus.execute(new SignInCommand(input, requestOrigin(request)));
    setRefreshCookie(response, refreshToken, this.config);
    return signedIn;
  }
}
