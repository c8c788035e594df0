import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, text } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { notBefore, notInFuture } from '../../../complaints/commands/dates';
import { MediationRules } from '../../../config';
import { MediationTransitionError } from '../../../mediation.errors';
import { MediationVault, VaultContext } from '../../../vault';
import { FOLLOW_UP_RESULTS, MediationAgreement } from '../../domain/mediation.entity';
import { MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class RecordFollowUpDto extends createZodDto(
  z
    .object({
      followedUpOn: date().optional().describe('The day of the follow-up; today when left out'),
      result: z.enum(FOLLOW_UP_RESULTS).describe('Whether the commitments were kept'),
      notes: text({ max: 4000, multiline: true }).optional(),
    })
    .strict(),
) {}

export class RecordFollowUpCommand extends Command<MediationView> {
  constructor(
    readonly id: string,
    readonly input: RecordFollowUpDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The agreement's follow-up, once. */
@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, input, actor }: RecordFollowUpCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.mediations.loadForChange(manager, id, actor);
      const agreement = loaded.agreement;
      if (!agreement || loaded.mediation.status !== 'agreement') throw new MediationTransitionError(`Mediation ${id} has no agreement to follow up`);
      if (agreement.followedUpOn) throw new MediationTransitionError(`The agreement of mediation ${id} was already followed up`);
      const today = this.rules.today();
      const followedUpOn = input.followedUpOn ?? today;
      notInFuture('followedUpOn', followedUpOn, today);
      notBefore('followedUpOn', followedUpOn, agreement.reachedOn);
      await manager.update(
        MediationAgreement,
        { id: agreement.id },
        { followedUpOn, followUpResult: input.result, followUpNotesEncrypted: this.vault.sealOptional(VaultContext.followUpNotes(agreement.id), input.notes) },
      );
      await this.mediations.save(manager, loaded.mediation, () => []);
      return toMediationView(await this.mediations.load(manager, id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class RecordFollowUpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/agreement/follow-up')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator')
  @ApiConflictResponse({ description: 'MEDIATION.INVALID_TRANSITION' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordFollowUpDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordFollowUpCommand(id, input, actor));
  }
}
