import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { MediationAgreementReached } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ApiProblemResponses, date, text } from '@hearth/platform';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addMonths } from '../../../calendar/working-days';
import { notBefore, notInFuture } from '../../../complaints/commands/dates';
import { PARTY_KINDS } from '../../../complaints/domain/complaint.entity';
import { MediationRules } from '../../../config';
import { MediationTransitionError } from '../../../mediation.errors';
import { MediationVault, VaultContext } from '../../../vault';
import { MediationAgreement } from '../../domain/mediation.entity';
import { mediationEventRef, MediationRepository, MediationView, toMediationView } from '../../mediation.repository';

export class RecordAgreementDto extends createZodDto(
  z
    .object({
      reachedOn: date().optional().describe('The day it was signed; today when left out'),
      commitments: z
        .array(z.object({ party: z.enum(PARTY_KINDS), commitment: text({ max: 1000, multiline: true }) }).strict())
        .min(1)
        .max(30)
        .describe('What each party commits to (kept encrypted)'),
      followUpOn: date().optional().describe('When to follow it up; three months after it was reached by default'),
    })
    .strict(),
) {}

export class RecordAgreementCommand extends Command<MediationView> {
  constructor(
    readonly id: string,
    readonly input: RecordAgreementDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A written, non-binding agreement with each party's commitments and a follow-up date. */
@CommandHandler(RecordAgreementCommand)
export class RecordAgreementHandler implements ICommandHandler<RecordAgreementCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mediations: MediationRepository,
    private readonly rules: MediationRules,
    private readonly vault: MediationVault,
  ) {}

  execute({ id, input, actor }: RecordAgreementCommand): Promise<MediationView> {
    return this.unitOfWork.run(async (manager) => {
      const loaded = await this.mediations.loadForChange(manager, id, actor);
      const { mediation } = loaded;
      if (mediation.status !== 'open') throw new MediationTransitionError(`Mediation ${id} is ${mediation.status}; an agreement is reached once, while it is open`);
      const today = this.rules.today();
      const reachedOn = input.reachedOn ?? today;
      notInFuture('reachedOn', reachedOn, today);
      const followUpOn = input.followUpOn ?? addMonths(reachedOn, this.rules.agreementFollowUpMonths);
      notBefore('followUpOn', followUpOn, reachedOn);
      const agreementId = randomUUID();
      await manager.insert(MediationAgreement, {
        id: agreementId,
        mediationId: id,
        reachedOn,
        commitmentsEncrypted: this.vault.seal(VaultContext.agreement(agreementId), input.commitments),
        commitments: input.commitments.length,
        followUpOn,
        followedUpOn: null,
        followUpResult: null,
        followUpNotesEncrypted: null,
      });
      mediation.status = 'agreement';
      await this.mediations.save(manager, mediation, (version) => [
        newEvent(MediationAgreementReached, {
          aggregateId: id,
          aggregateVersion: version,
          actor,
          payload: { ...mediationEventRef(mediation), agreementId, commitments: input.commitments.length, followUpOn },
        }),
      ]);
      return toMediationView(await this.mediations.load(manager, id), actor, this.rules, this.vault);
    });
  }
}

@ApiTags('mediations')
@ApiProblemResponses()
@Controller('mediations')
export class RecordAgreementController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/agreement')
  @Roles(...STAFF_ROLES, 'mediator')
  @ApiConflictResponse({ description: 'MEDIATION.INVALID_TRANSITION' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordAgreementDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordAgreementCommand(id, input, actor));
  }
}
