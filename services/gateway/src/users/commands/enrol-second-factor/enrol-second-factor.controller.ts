import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, ROLES, Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ConfirmSecondFactorCommand, StartSecondFactorEnrolmentCommand } from './enrol-second-factor.handler';

export class ConfirmSecondFactorDto extends createZodDto(z.object({ code: z.string().regex(/^\d{6}$/, 'must be a 6-digit code') }).strict()) {}

@ApiTags('me')
@ApiProblemResponses()
@Controller('me/second-factor')
@Roles(...ROLES)
export class EnrolSecondFactorController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCreatedResponse({ description: 'A new TOTP secret (and its otpauth:// URI for a QR code), pending until confirmed' })
  start(@CurrentActor() actor: Actor) {
    return this.commandBus.execute(new StartSecondFactorEnrolmentCommand(actor));
  }

  @Post('confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The second factor is on: sign-in asks for a code from now' })
  confirm(@Body() input: ConfirmSecondFactorDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.commandBus.execute(new ConfirmSecondFactorCommand(actor, input.code));
  }
}
