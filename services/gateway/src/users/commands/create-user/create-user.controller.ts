import { ApiProblemResponses } from '@hearth/platform';
import { Roles } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CreateUserDto } from './create-user.dto';
import { CreateUserCommand } from './create-user.handler';

@ApiTags('users')
@ApiProblemResponses()
@Controller('users')
export class CreateUserController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('sra_admin')
  @ApiCreatedResponse({ description: 'The user, invited: an e-mail asks them to choose a password' })
  @ApiConflictResponse({ description: 'USER.EMAIL_TAKEN, USER.LANDLORD_ALREADY_LINKED' })
  create(@Body() input: CreateUserDto) {
    return this.commandBus.execute(new CreateUserCommand(input));
  }
}
