import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { NeighbourContactLogged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, text } from '@hearth/platform';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notInFuture } from '../../../complaints/commands/dates';
import { MediationRules } from '../../../config';
import { PreparationTransitionError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault, VaultContext } from '../../../vault';
import { BuddyContact } from '../../domain/preparation.entity';
import { preparationEventRef, PreparationRepository } from '../../preparation.repository';
import { PreparationView, toPreparationView } from '../../preparation.view';

export class LogBuddyContactDto extends createZodDto(
  z
    .object({
      contactedOn: date().optional().describe('The day the buddy met or called the neighbours; today when left out'),
      note: text({ max: 4000, multiline: true }).optional().describe('What was said (kept encrypted)'),
    })
    .strict(),
) {}

export class LogBuddyContactCommand extends Command<PreparationView> {
  constructor(
    readonly id: string,
    readonly input: LogBuddyContactDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The buddy's (sponsor's) contact with the neighbours, at least weekly in the first months, logged. */
@CommandHandler(LogBuddyContactCommand)
export class LogBuddyContactHandler implements ICommandHandler<LogBuddyContactCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly preparations: PreparationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ id, input, actor }: LogBuddyContactCommand): Promise<PreparationView> {
    return this.unitOfWork.run(async (manager) => {
      const { preparation, tasks } = await this.preparations.loadForChange(manager, id, actor);
      if (!preparation.buddyEncrypted) throw new PreparationTransitionError(`No buddy is assigned to the household of preparation ${id}`);
      const today = this.rules.today();
      const contactedOn = input.contactedOn ?? today;
      notInFuture('contactedOn', contactedOn, today);
      const contactId = randomUUID();
      await manager.insert(BuddyContact, { id: contactId, preparationId: id, contactedOn, noteEncrypted: this.vault.sealOptional(VaultContext.buddyContact(contactId), input.note), loggedBy: actor.id });
      await this.preparations.save(manager, preparation, (version) => [
        newEvent(NeighbourContactLogged, {
          aggregateId: id,
          aggregateVersion: version,
          actor,
          payload: { ...preparationEventRef(preparation), kind: 'buddy_contact', taskKind: null, contactedOn },
        }),
      ]);
      if (preparation.tenancyId) await this.commandBus.execute(new RecomputeRiskCommand(preparation.tenancyId));
      const contacts = await manager.find(BuddyContact, { where: { preparationId: id }, order: { contactedOn: 'ASC' } });
      return toPreparationView(preparation, tasks, contacts, this.rules, this.vault);
    });
  }
}

@ApiTags('preparations')
@ApiProblemResponses()
@Controller('preparations')
export class LogBuddyContactController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/buddy-contacts')
  @Roles(...STAFF_ROLES, 'caseworker', 'mediator')
  @ApiConflictResponse({ description: 'PREPARATION.INVALID_TRANSITION (no buddy assigned)' })
  log(@Param('id', ParseUUIDPipe) id: string, @Body() input: LogBuddyContactDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new LogBuddyContactCommand(id, input, actor));
  }
}
