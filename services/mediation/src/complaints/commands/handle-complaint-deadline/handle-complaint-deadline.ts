import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MediationRules } from '../../../config';
import { DeadlineJobData } from '../../../deadlines/deadline.scheduler';
import { Complaint, ComplaintStage } from '../../domain/complaint.entity';

export type ComplaintDeadlineResult = 'gone' | 'withdrawn' | 'done' | 'moved' | 'not_yet' | 'already_flagged' | 'flagged_overdue';

export class HandleComplaintDeadlineCommand extends Command<ComplaintDeadlineResult> {
  constructor(readonly job: DeadlineJobData) {
    super();
  }
}

/**
 * A complaint's due day is over: if the acknowledgement or answer it was waiting for has not come,
 * the stage is flagged overdue (it shows in lists, the digest and the case's risk). A job for a
 * due day that has moved (an extension) or a step already done changes nothing.
 */
@CommandHandler(HandleComplaintDeadlineCommand)
export class HandleComplaintDeadlineHandler implements ICommandHandler<HandleComplaintDeadlineCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rules: MediationRules,
  ) {}

  execute({ job }: HandleComplaintDeadlineCommand): Promise<ComplaintDeadlineResult> {
    return this.unitOfWork.run(async (manager) => {
      const complaint = await manager.findOne(Complaint, { where: { id: job.id }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) return 'gone';
      if (complaint.status === 'withdrawn') return 'withdrawn';
      const stage = await manager.findOneBy(ComplaintStage, { complaintId: job.id, stage: job.stage as 1 | 2 });
      if (!stage) return 'gone';
      const acknowledge = job.kind === 'complaint_acknowledge';
      if (acknowledge ? stage.acknowledgedOn !== null : stage.answeredOn !== null) return 'done';
      const dueOn = acknowledge ? stage.acknowledgeBy : stage.answerBy;
      if (dueOn !== job.dueOn) return 'moved';
      if (this.rules.today() <= dueOn) return 'not_yet';
      if (acknowledge ? stage.acknowledgeOverdue : stage.answerOverdue) return 'already_flagged';
      await manager.update(ComplaintStage, { complaintId: job.id, stage: stage.stage }, acknowledge ? { acknowledgeOverdue: true } : { answerOverdue: true });
      return 'flagged_overdue';
    });
  }
}
