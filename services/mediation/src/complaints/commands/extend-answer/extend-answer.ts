import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, int, text } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { DeadlineScheduler } from '../../../deadlines/deadline.scheduler';
import { ComplaintTransitionError, ExtensionTooLongError } from '../../../mediation.errors';
import { MediationVault, VaultContext } from '../../../vault';
import { ComplaintRepository, currentStage } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';
import { ComplaintStage } from '../../domain/complaint.entity';

export class ExtendAnswerDto extends createZodDto(
  z
    .object({
      workingDays: int({ min: 1, max: 60 }).describe('Working days added to the answer deadline (at most 10 in all by default)'),
      reason: text({ max: 1000, multiline: true }).describe('Why more time is needed (logged, kept encrypted)'),
    })
    .strict(),
) {}

export class ExtendAnswerCommand extends Command<ComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly input: ExtendAnswerDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Extends the answer deadline of the current stage, with a logged reason, up to the configured total. */
@CommandHandler(ExtendAnswerCommand)
export class ExtendAnswerHandler implements ICommandHandler<ExtendAnswerCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly deadlines: DeadlineScheduler,
  ) {}

  execute({ complaintId, input, actor }: ExtendAnswerCommand): Promise<ComplaintView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.complaints.loadForHandling(manager, complaintId, actor);
      const { complaint } = loaded;
      if (complaint.status !== 'awaiting_answer') throw new ComplaintTransitionError(`Only an acknowledged complaint awaiting its answer can be extended; complaint ${complaintId} is ${complaint.status.replace(/_/g, ' ')}`);
      const stage = currentStage(loaded);
      if (stage.extensionDays + input.workingDays > this.rules.complaints.maxExtension) throw new ExtensionTooLongError(this.rules.complaints.maxExtension, stage.extensionDays);
      const answerBy = this.rules.calendar.addWorkingDays(stage.answerBy!, input.workingDays);
      const reasons = [...(this.vault.openOptional<string[]>(VaultContext.complaintExtension(complaintId, stage.stage), stage.extensionReasonEncrypted) ?? []), input.reason];
      await manager.update(
        ComplaintStage,
        { complaintId, stage: stage.stage },
        {
          answerBy,
          extensionDays: stage.extensionDays + input.workingDays,
          extensionReasonEncrypted: this.vault.seal(VaultContext.complaintExtension(complaintId, stage.stage), reasons),
          answerOverdue: answerBy < this.rules.today() ? stage.answerOverdue : false,
        },
      );
      complaint.dueOn = answerBy;
      await this.complaints.save(manager, complaint, () => []);
      await this.unitOfWork.afterCommit(() => this.deadlines.schedule([{ kind: 'complaint_answer', id: complaintId, stage: complaint.stage, dueOn: answerBy }]));
      return toComplaintView(await this.complaints.load(manager, complaintId), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class ExtendAnswerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/extend')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator', 'caseworker')
  @ApiOkResponse({ description: 'The answer deadline moved by the working days asked for' })
  @ApiConflictResponse({ description: 'COMPLAINT.INVALID_TRANSITION or COMPLAINT.EXTENSION_TOO_LONG' })
  extend(@Param('id', ParseUUIDPipe) id: string, @Body() input: ExtendAnswerDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new ExtendAnswerCommand(id, input, actor));
  }
}
