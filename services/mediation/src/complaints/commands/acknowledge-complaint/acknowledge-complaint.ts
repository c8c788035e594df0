import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ComplaintAcknowledged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { DeadlineScheduler } from '../../../deadlines/deadline.scheduler';
import { ComplaintTransitionError } from '../../../mediation.errors';
import { MediationVault } from '../../../vault';
import { complaintEventRef, ComplaintRepository, currentStage } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';
import { ComplaintStage } from '../../domain/complaint.entity';
import { notBefore, notInFuture } from '../dates';

export class AcknowledgeComplaintDto extends createZodDto(
  z.object({ acknowledgedOn: date().optional().describe('The day the acknowledgement was sent; today when left out') }).strict(),
) {}

export class AcknowledgeComplaintCommand extends Command<ComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly input: AcknowledgeComplaintDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Acknowledges the current stage; its answer is due the configured working days later. */
@CommandHandler(AcknowledgeComplaintCommand)
export class AcknowledgeComplaintHandler implements ICommandHandler<AcknowledgeComplaintCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly deadlines: DeadlineScheduler,
  ) {}

  execute({ complaintId, input, actor }: AcknowledgeComplaintCommand): Promise<ComplaintView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.complaints.loadForHandling(manager, complaintId, actor);
      const { complaint } = loaded;
      if (complaint.status !== 'awaiting_acknowledgement') throw new ComplaintTransitionError(`Complaint ${complaintId} is ${complaint.status.replace(/_/g, ' ')}, not awaiting acknowledgement`);
      const stage = currentStage(loaded);
      const today = this.rules.today();
      const acknowledgedOn = input.acknowledgedOn ?? today;
      notInFuture('acknowledgedOn', acknowledgedOn, today);
      notBefore('acknowledgedOn', acknowledgedOn, stage.startedOn);
      const periods = complaint.stage === 1 ? this.rules.complaints.stage1 : this.rules.complaints.stage2;
      const answerBy = this.rules.calendar.addWorkingDays(acknowledgedOn, periods.answer);
      await manager.update(ComplaintStage, { complaintId, stage: stage.stage }, { acknowledgedOn, answerBy });
      complaint.status = 'awaiting_answer';
      complaint.dueOn = answerBy;
      await this.complaints.save(manager, complaint, (version) => [
        newEvent(ComplaintAcknowledged, {
          aggregateId: complaintId,
          aggregateVersion: version,
          actor,
          payload: { ...complaintEventRef(complaint), stage: complaint.stage, acknowledgedOn, answerBy },
        }),
      ]);
      await this.unitOfWork.afterCommit(() => this.deadlines.schedule([{ kind: 'complaint_answer', id: complaintId, stage: complaint.stage, dueOn: answerBy }]));
      return toComplaintView(await this.complaints.load(manager, complaintId), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class AcknowledgeComplaintController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator', 'caseworker')
  @ApiOkResponse({ description: 'Acknowledged; the answer deadline runs' })
  @ApiConflictResponse({ description: 'COMPLAINT.INVALID_TRANSITION' })
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @Body() input: AcknowledgeComplaintDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AcknowledgeComplaintCommand(id, input, actor));
  }
}
