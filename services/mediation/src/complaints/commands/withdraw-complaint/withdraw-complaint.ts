import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MediationRules } from '../../../config';
import { ComplaintTransitionError } from '../../../mediation.errors';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault } from '../../../vault';
import { ComplaintRepository } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';

export class WithdrawComplaintDto extends createZodDto(z.object({}).strict()) {}

export class WithdrawComplaintCommand extends Command<ComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The complainant withdraws a complaint still being handled: its deadlines stop, it no longer counts towards risk or case reviews. */
@CommandHandler(WithdrawComplaintCommand)
export class WithdrawComplaintHandler implements ICommandHandler<WithdrawComplaintCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly commandBus: CommandBus,
  ) {}

  execute({ complaintId, actor }: WithdrawComplaintCommand): Promise<ComplaintView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.complaints.loadForHandling(manager, complaintId, actor);
      const { complaint } = loaded;
      if (complaint.status === 'answered' || complaint.status === 'withdrawn') throw new ComplaintTransitionError(`Complaint ${complaintId} is ${complaint.status}; only a complaint being handled can be withdrawn`);
      complaint.status = 'withdrawn';
      complaint.dueOn = null;
      await this.complaints.save(manager, complaint, () => []);
      if (complaint.tenancyId) await this.commandBus.execute(new RecomputeRiskCommand(complaint.tenancyId));
      return toComplaintView(await this.complaints.load(manager, complaintId), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class WithdrawComplaintController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'mediator', 'caseworker')
  @ApiConflictResponse({ description: 'COMPLAINT.INVALID_TRANSITION' })
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() _input: WithdrawComplaintDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new WithdrawComplaintCommand(id, actor));
  }
}
