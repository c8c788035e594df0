import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RegisterLandlordDto } from './register-landlord.dto';
import { RegisterLandlordCommand } from './register-landlord.handler';

@ApiTags('landlords')
@ApiProblemResponses()
@Controller('landlords')
export class RegisterLandlordController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The landlord, as a prospect awaiting verification' })
  register(@Body() input: RegisterLandlordDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RegisterLandlordCommand(input, actor));
  }
}
