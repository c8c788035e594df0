import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ComplaintAnswered } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, text } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { ComplaintTransitionError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault, VaultContext } from '../../../vault';
import { complaintEventRef, ComplaintRepository, currentStage } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';
import { ComplaintStage } from '../../domain/complaint.entity';
import { notBefore, notInFuture } from '../dates';

export class AnswerComplaintDto extends createZodDto(
  z
    .object({
      answer: text({ max: 8000, multiline: true }).describe('The answer sent to the complainant (kept encrypted)'),
      upheld: z.boolean().describe('Whether the complaint is found justified'),
      answeredOn: date().optional().describe('The day the answer was sent; today when left out'),
    })
    .strict(),
) {}

export class AnswerComplaintCommand extends Command<ComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly input: AnswerComplaintDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Answers the current stage; an answer after its due day is recorded as late. */
@CommandHandler(AnswerComplaintCommand)
export class AnswerComplaintHandler implements ICommandHandler<AnswerComplaintCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ complaintId, input, actor }: AnswerComplaintCommand): Promise<ComplaintView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.complaints.loadForHandling(manager, complaintId, actor);
      const { complaint } = loaded;
      if (complaint.status !== 'awaiting_answer') throw new ComplaintTransitionError(`Complaint ${complaintId} is ${complaint.status.replace(/_/g, ' ')}, not awaiting an answer`);
      const stage = currentStage(loaded);
      const today = this.rules.today();
      const answeredOn = input.answeredOn ?? today;
      notInFuture('answeredOn', answeredOn, today);
      notBefore('answeredOn', answeredOn, stage.acknowledgedOn!);
      await manager.update(
        ComplaintStage,
        { complaintId, stage: stage.stage },
        { answeredOn, upheld: input.upheld, answerEncrypted: this.vault.seal(VaultContext.complaintAnswer(complaintId, stage.stage), input.answer) },
      );
      complaint.status = 'answered';
      complaint.dueOn = null;
      await this.complaints.save(manager, complaint, (version) => [
        newEvent(ComplaintAnswered, {
          aggregateId: complaintId,
          aggregateVersion: version,
          actor,
          payload: { ...complaintEventRef(complaint), stage: complaint.stage, answeredOn, answerBy: stage.answerBy!, late: answeredOn > stage.answerBy!, upheld: input.upheld },
        }),
      ]);
      if (complaint.tenancyId) await this.commandBus.execute(new RecomputeRiskCommand(complaint.tenancyId));
      return toComplaintView(await this.complaints.load(manager, complaintId), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class AnswerComplaintController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator', 'caseworker')
  @ApiOkResponse({ description: 'Answered (late when after the due day)' })
  @ApiConflictResponse({ description: 'COMPLAINT.INVALID_TRANSITION' })
  answer(@Param('id', ParseUUIDPipe) id: string, @Body() input: AnswerComplaintDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AnswerComplaintCommand(id, input, actor));
  }
}
