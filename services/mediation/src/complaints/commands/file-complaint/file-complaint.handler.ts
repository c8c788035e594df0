import { Actor, isStaff } from '@hearth/auth';
import { ComplaintReceived } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { dateIn } from '../../../calendar/working-days';
import { MediationRules } from '../../../config';
import { DeadlineScheduler } from '../../../deadlines/deadline.scheduler';
import { KnownTenancy } from '../../../directory/known-tenancy.entity';
import { NeighbourUnknownError, TenancyUnitMismatchError, TenancyUnknownError, UnitNotFoundError } from '../../../mediation.errors';
import { Neighbour } from '../../../neighbours/domain/neighbour.entity';
import { OpenCaseReviewCommand } from '../../../reviews/commands/open-case-review/open-case-review.handler';
import { RecomputeRiskCommand } from '../../../risk/recompute-risk.command';
import { MediationVault, VaultContext } from '../../../vault';
import { ComplaintRepository } from '../../complaint.repository';
import { ComplaintView, toComplaintView } from '../../complaint.view';
import { Complaint, ComplaintStage } from '../../domain/complaint.entity';
import { FileComplaintDto } from './file-complaint.dto';

export class FileComplaintCommand extends Command<ComplaintView> {
  constructor(
    readonly input: FileComplaintDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Intake by staff, a caseworker or a landlord (a neighbour's complaint is entered by staff), from
 * any channel. Stage 1 starts on the day it was received; the acknowledgement is due within the
 * configured working days. A landlord always files as the complainant.
 */
@CommandHandler(FileComplaintCommand)
export class FileComplaintHandler implements ICommandHandler<FileComplaintCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
    private readonly deadlines: DeadlineScheduler,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ input, actor }: FileComplaintCommand): Promise<ComplaintView> {
    const now = this.rules.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + 60_000) throw new ValidationError([{ field: 'receivedAt', message: 'must not be in the future' }]);
    if (input.handlerId && !isStaff(actor)) throw new ValidationError([{ field: 'handlerId', message: 'only staff assign a handler' }]);
    const complainant = actor.role === 'landlord' ? { kind: 'landlord' as const, ref: actor.landlordId } : input.complainant;

    const view = await this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancyOf(manager, input.unitId, input.tenancyId);
      // A landlord complains about its own flats only; another owner's flat is not theirs to know of.
      if (actor.role === 'landlord' && tenancy?.landlordId && tenancy.landlordId !== actor.landlordId) throw new UnitNotFoundError(input.unitId);
      for (const party of [complainant, input.respondent]) {
        if (party.kind === 'neighbour' && party.ref && !(await manager.findOneBy(Neighbour, { id: party.ref }))) throw new NeighbourUnknownError(party.ref);
      }
      const receivedOn = dateIn(this.rules.timeZone, receivedAt);
      const id = randomUUID();
      const handlerId = input.handlerId ?? (isStaff(actor) ? actor.id : null);
      const acknowledgeBy = this.rules.calendar.addWorkingDays(receivedOn, this.rules.complaints.stage1.acknowledge);
      const complaint = manager.create(Complaint, {
        id,
        version: 0,
        unitId: input.unitId,
        tenancyId: tenancy?.tenancyId ?? null,
        householdId: tenancy?.householdId ?? (input.respondent.kind === 'household' ? (input.respondent.ref ?? null) : null),
        landlordId: tenancy?.landlordId ?? (actor.role === 'landlord' ? (actor.landlordId ?? null) : null),
        category: input.category,
        intensity: input.intensity,
        channel: input.channel,
        complainantKind: complainant.kind,
        complainantRef: complainant.ref ?? null,
        respondentKind: input.respondent.kind,
        respondentRef: input.respondent.ref ?? null,
        descriptionEncrypted: this.vault.seal(VaultContext.complaintDescription(id), input.description),
        filedBy: actor.id,
        filedByRole: actor.role,
        receivedAt,
        receivedOn,
        stage: 1,
        status: 'awaiting_acknowledgement',
        handlerId,
        mediationId: null,
        dueOn: acknowledgeBy,
      });
      await this.complaints.save(manager, complaint, (version) => [
        newEvent(ComplaintReceived, {
          aggregateId: id,
          aggregateVersion: version,
          actor,
          payload: {
            complaintId: id,
            unitId: complaint.unitId,
            tenancyId: complaint.tenancyId,
            householdId: complaint.householdId,
            category: complaint.category,
            intensity: complaint.intensity,
            channel: complaint.channel,
            complainantKind: complaint.complainantKind,
            respondentKind: complaint.respondentKind,
            receivedOn,
            acknowledgeBy,
          },
        }),
      ]);
      await manager.insert(ComplaintStage, {
        complaintId: id,
        stage: 1,
        handlerId,
        startedOn: receivedOn,
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
      if (complaint.tenancyId) {
        await this.commandBus.execute(new OpenCaseReviewCommand(complaint.tenancyId, receivedOn));
        await this.commandBus.execute(new RecomputeRiskCommand(complaint.tenancyId));
      }
      await this.unitOfWork.afterCommit(() => this.deadlines.schedule([{ kind: 'complaint_acknowledge', id, stage: 1, dueOn: acknowledgeBy }]));
      return toComplaintView(await this.complaints.load(manager, id), actor, this.rules, this.vault);
    });
    return view;
  }

  private async tenancyOf(manager: EntityManager, unitId: string, tenancyId: string | undefined): Promise<KnownTenancy | null> {
    if (tenancyId) {
      const tenancy = await manager.findOneBy(KnownTenancy, { tenancyId });
      if (!tenancy) throw new TenancyUnknownError(tenancyId);
      if (tenancy.unitId !== unitId) throw new TenancyUnitMismatchError(tenancyId, unitId);
      return tenancy;
    }
    const current = await manager.find(KnownTenancy, { where: { unitId }, order: { startedOn: 'DESC' } });
    return current.find((tenancy) => tenancy.status !== 'ended') ?? null;
  }
}
