import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, text } from '@hearth/platform';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { MediationVault, VaultContext } from '../../../vault';
import { BuddyContact, SHAREABLE_ITEMS } from '../../domain/preparation.entity';
import { PreparationRepository } from '../../preparation.repository';
import { PreparationView, toPreparationView } from '../../preparation.view';

export class RecordConsentDto extends createZodDto(
  z
    .object({
      sharedItems: z.array(z.enum(SHAREABLE_ITEMS)).max(SHAREABLE_ITEMS.length).describe('What the household agreed may be told to the neighbours; an empty list shares nothing'),
      note: text({ max: 2000, multiline: true }).optional().describe('How the household decided (kept encrypted)'),
    })
    .strict(),
) {}

export class RecordConsentCommand extends Command<PreparationView> {
  constructor(
    readonly id: string,
    readonly input: RecordConsentDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Records what the household agreed may be shared with the neighbours (nothing until recorded). */
@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, input, actor }: RecordConsentCommand): Promise<PreparationView> {
    return this.unitOfWork.run(async (manager) => {
      const { preparation, tasks } = await this.preparations.loadForChange(manager, id, actor);
      preparation.sharedItems = [...new Set(input.sharedItems)];
      preparation.consentRecordedOn = this.rules.today();
      preparation.consentNoteEncrypted = this.vault.sealOptional(VaultContext.consentNote(id), input.note);
      await this.preparations.save(manager, preparation, () => []);
      const contacts = await manager.find(BuddyContact, { where: { preparationId: id } });
      return toPreparationView(preparation, tasks, contacts, this.rules, this.vault);
    });
  }
}

@ApiTags('preparations')
@ApiProblemResponses()
@Controller('preparations')
export class RecordConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/consent')
  @Roles(...STAFF_ROLES, 'caseworker')
  record(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordConsentDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordConsentCommand(id, input, actor));
  }
}
