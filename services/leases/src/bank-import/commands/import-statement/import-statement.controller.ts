import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ImportStatementDto } from './import-statement.dto';
import { ImportStatementCommand } from './import-statement.handler';

@ApiTags('bank statements')
@ApiProblemResponses()
@Controller('bank-statements')
export class ImportStatementController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'Lines read, matched to tenancies, left unmatched and ignored; alreadyImported for the same file again' })
  @ApiUnprocessableEntityResponse({ description: 'STATEMENT.MALFORMED with every problem and its line; nothing imported' })
  import(@Body() input: ImportStatementDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new ImportStatementCommand(input, actor));
  }
}
