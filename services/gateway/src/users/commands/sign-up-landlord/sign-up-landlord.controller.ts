import { ApiProblemResponses } from '@hearth/platform';
import { Public } from '@hearth/auth';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiTags } from '@nestjs/swagger';
import { SignUpLandlordDto } from './sign-up-landlord.dto';
import { SignUpLandlordCommand } from './sign-up-landlord.handler';

@ApiTags('sign-up')
@ApiProblemResponses()
@Controller('auth')
export class SignUpLandlordController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('sign-up')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'An e-mail with a confirmation link is on its way (the same answer for an address that already has an account)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, e.g. a password that is too short or too common' })
  async signUp(@Body() input: SignUpLandlordDto) {
    await this.commandBus.execute(new SignUpLandlordCommand(input));
    return { status: 'confirmation_sent' };
  }
}
