import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ComplaintEscalated } from '@hearth/contracts';
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
import { ComplaintTransitionError, SameHandlerError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault } from '../../../vault';
import { complaintEventRef, ComplaintRepository } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';
import { ComplaintStage } from '../../domain/complaint.entity';
import { notBefore, notInFuture } from '../dates';

export class RequestStageTwoDto extends createZodDto(
  z
    .object({
      handlerId: z.string().trim().min(1).max(200).describe('Who reviews the complaint at stage 2: never the stage-1 handler'),
      requestedOn: date().optional().describe('The day the complainant asked for stage 2; today when left out'),
    })
    .strict(),
) {}

export class RequestStageTwoCommand extends Command<ComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly input: RequestStageTwoDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The complainant is not satisfied with the stage-1 answer: stage 2, by a different person, with its own deadlines. */
@CommandHandler(RequestStageTwoCommand)
export class RequestStageTwoHandler implements ICommandHandler<RequestStageTwoCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly deadlines: DeadlineScheduler,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ complaintId, input, actor }: RequestStageTwoCommand): Promise<ComplaintView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.complaints.load(manager, complaintId, { forUpdate: true });
      const { complaint, stages } = loaded;
      if (complaint.stage !== 1 || complaint.status !== 'answered') {
        throw new ComplaintTransitionError(`Stage 2 can be requested once stage 1 is answered; complaint ${complaintId} is at stage ${complaint.stage}, ${complaint.status.replace(/_/g, ' ')}`);
      }
      const stageOne = stages.find((stage) => stage.stage === 1)!;
      if (input.handlerId === stageOne.handlerId) throw new SameHandlerError();
      const today = this.rules.today();
      const requestedOn = input.requestedOn ?? today;
      notInFuture('requestedOn', requestedOn, today);
      notBefore('requestedOn', requestedOn, stageOne.answeredOn!);
      const acknowledgeBy = this.rules.calendar.addWorkingDays(requestedOn, this.rules.complaints.stage2.acknowledge);
      await manager.insert(ComplaintStage, {
        complaintId,
        stage: 2,
        handlerId: input.handlerId,
        startedOn: requestedOn,
        acknowledgeBy,
        acknowledgedOn: null,
        answerBy: null,
        extensionDays: 0,
        extensionReasonEncrypted: null,
        answeredOn: null,
        upheld: null,
        answerEncrypted: null,
        acknowledgeOverdue: false,
        answerOverdue: false,
      });
      complaint.stage = 2;
      complaint.status = 'awaiting_acknowledgement';
      complaint.dueOn = acknowledgeBy;
      complaint.handlerId = input.handlerId;
      await this.complaints.save(manager, complaint, (version) => [
        newEvent(ComplaintEscalated, {
          aggregateId: complaintId,
          aggregateVersion: version,
          actor,
          payload: { ...complaintEventRef(complaint), to: 'stage_2', mediationId: null, escalatedOn: requestedOn, acknowledgeBy },
        }),
      ]);
      if (complaint.tenancyId) await this.commandBus.execute(new RecomputeRiskCommand(complaint.tenancyId));
      await this.unitOfWork.afterCommit(() => this.deadlines.schedule([{ kind: 'complaint_acknowledge', id: complaintId, stage: 2, dueOn: acknowledgeBy }]));
      return toComplaintView(await this.complaints.load(manager, complaintId), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class RequestStageTwoController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/stage-two')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'At stage 2, awaiting acknowledgement by its (different) handler' })
  @ApiConflictResponse({ description: 'COMPLAINT.INVALID_TRANSITION or COMPLAINT.SAME_HANDLER' })
  request(@Param('id', ParseUUIDPipe) id: string, @Body() input: RequestStageTwoDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RequestStageTwoCommand(id, input, actor));
  }
}
