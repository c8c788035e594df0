import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ComplaintEscalated } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Body, Controller, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { z } from 'zod';
import { complaintEventRef, ComplaintRepository } from '../../../complaints/complaint.repository';
import { Complaint } from '../../../complaints/domain/complaint.entity';
import { MediationRules } from '../../../config';
import { ComplaintNotFoundError, MediationTransitionError } from '../../../mediation.errors';
import { MediationVault } from '../../../vault';
import { Mediation } from '../../domain/mediation.entity';
import { MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class OpenMediationDto extends createZodDto(
  z
    .object({
      complaintIds: z.array(z.uuid()).min(1).max(50).describe('The complaints the mediation is about (one flat)'),
      mediatorIds: z.array(z.string().trim().min(1).max(200)).min(1).max(5).describe('The mediators assigned (user ids)'),
    })
    .strict(),
) {}

export class OpenMediationCommand extends Command<MediationView> {
  constructor(
    readonly input: OpenMediationDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff open a mediation on one or more complaints about one flat; each complaint is escalated to it. */
@CommandHandler(OpenMediationCommand)
export class OpenMediationHandler implements ICommandHandler<OpenMediationCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly complaints: ComplaintRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ input, actor }: OpenMediationCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const ids = [...new Set(input.complaintIds)];
      const complaints = await manager.find(Complaint, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const missing = ids.find((id) => !complaints.some((complaint) => complaint.id === id));
      if (missing) throw new ComplaintNotFoundError(missing);
      if (new Set(complaints.map((complaint) => complaint.unitId)).size > 1) throw new MediationTransitionError('The complaints of one mediation must be about one flat');
      const taken = complaints.find((complaint) => complaint.mediationId !== null || complaint.status === 'withdrawn');
      if (taken) throw new MediationTransitionError(`Complaint ${taken.id} is already in a mediation or withdrawn`);
      const [first] = complaints;
      const openedOn = this.rules.today();
      const mediation = manager.create(Mediation, {
        id: randomUUID(),
        version: 0,
        unitId: first.unitId,
        tenancyId: complaints.find((complaint) => complaint.tenancyId)?.tenancyId ?? null,
        householdId: complaints.find((complaint) => complaint.householdId)?.householdId ?? null,
        landlordId: complaints.find((complaint) => complaint.landlordId)?.landlordId ?? null,
        status: 'open',
        currentStep: null,
        mediatorIds: [...new Set(input.mediatorIds)],
        openedOn,
        outcome: null,
        exclusion: null,
        closedOn: null,
        committeeDecision: null,
        committeeDecidedOn: null,
        committeeReasonsEncrypted: null,
      });
      await this.mediations.save(manager, mediation, () => []);
      for (const complaint of complaints) {
        complaint.mediationId = mediation.id;
        await this.complaints.save(manager, complaint, (version) => [
          newEvent(ComplaintEscalated, {
            aggregateId: complaint.id,
            aggregateVersion: version,
            actor,
            payload: { ...complaintEventRef(complaint), to: 'mediation', mediationId: mediation.id, escalatedOn: openedOn, acknowledgeBy: null },
          }),
        ]);
      }
      return toMediationView(await this.mediations.load(manager, mediation.id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class OpenMediationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The mediation, open, with its complaints escalated to it' })
  @ApiConflictResponse({ description: 'MEDIATION.INVALID_TRANSITION' })
  open(@Body() input: OpenMediationDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new OpenMediationCommand(input, actor));
  }
}
