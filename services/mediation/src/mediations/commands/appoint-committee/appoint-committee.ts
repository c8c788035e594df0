import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { In } from 'typeorm';
import { z } from 'zod';
import { ComplaintStage } from '../../../complaints/domain/complaint.entity';
import { MediationRules } from '../../../config';
import { ConflictOfInterestError, MediationTransitionError } from '../../../mediation.errors';
import { MediationVault } from '../../../vault';
import { COMMITTEE_MEMBER_KINDS, COMMITTEE_ROLES, CommitteeMember } from '../../domain/mediation.entity';
import { MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class AppointCommitteeDto extends createZodDto(
  z
    .object({
      members: z
        .array(
          z
            .object({
              ref: z.string().trim().min(1).max(200).describe('A user id (staff, mediator, volunteer) or a neighbour record id'),
              kind: z.enum(COMMITTEE_MEMBER_KINDS),
              role: z.enum(COMMITTEE_ROLES),
            })
            .strict(),
        )
        .length(3)
        .refine((members) => new Set(members.map((member) => member.ref)).size === 3, 'must be three different people')
        .refine((members) => members.filter((member) => member.role === 'chair').length === 1, 'must have exactly one chair'),
    })
    .strict(),
) {}

export class AppointCommitteeCommand extends Command<MediationView> {
  constructor(
    readonly id: string,
    readonly input: AppointCommitteeDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The committee of three, with roles. Nobody who is a party to the case (a complainant or
 * respondent of its complaints, the household), its handling caseworker or a handler of its
 * complaints may sit: a conflict of interest is refused (409) naming who.
 */
@CommandHandler(AppointCommitteeCommand)
export class AppointCommitteeHandler implements ICommandHandler<AppointCommitteeCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, input, actor }: AppointCommitteeCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.mediations.loadForChange(manager, id, actor);
      if (loaded.mediation.status === 'closed') throw new MediationTransitionError(`Mediation ${id} is closed`);
      if (loaded.mediation.committeeDecision) throw new MediationTransitionError(`The committee of mediation ${id} has already decided`);
      const stages = loaded.complaints.length ? await manager.find(ComplaintStage, { where: { complaintId: In(loaded.complaints.map((complaint) => complaint.id)) } }) : [];
      const conflicted = new Set<string>(
        [
          loaded.mediation.householdId,
          loaded.mediation.landlordId,
          loaded.caseworkerId,
          ...loaded.complaints.flatMap((complaint) => [complaint.complainantRef, complaint.respondentRef, complaint.handlerId, complaint.filedBy]),
          ...stages.map((stage) => stage.handlerId),
        ].filter((ref): ref is string => !!ref),
      );
      const refused = input.members.map((member) => member.ref).filter((ref) => conflicted.has(ref));
      if (refused.length > 0) throw new ConflictOfInterestError(refused);
      await manager.delete(CommitteeMember, { mediationId: id });
      await manager.insert(CommitteeMember, input.members.map((member) => ({ mediationId: id, memberRef: member.ref, kind: member.kind, role: member.role })));
      await this.mediations.save(manager, loaded.mediation, () => []);
      return toMediationView(await this.mediations.load(manager, id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class AppointCommitteeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/committee')
  @Roles(...STAFF_ROLES)
  @ApiConflictResponse({ description: 'MEDIATION.CONFLICT_OF_INTEREST or MEDIATION.INVALID_TRANSITION' })
  appoint(@Param('id', ParseUUIDPipe) id: string, @Body() input: AppointCommitteeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AppointCommitteeCommand(id, input, actor));
  }
}
