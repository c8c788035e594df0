import { Actor } from '@hearth/auth';
import { ConsentGiven, ConsentWithdrawn } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Consent } from '../../domain/consent.entity';
import { canTransition } from '../../domain/household-status';
import { HouseholdClosedError, NoConsentInForceError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { isoDate } from '../../matching-attributes';
import { PersonalDataVault, VaultContext } from '../../personal-data';
import { GiveConsentDto, WithdrawConsentDto } from './record-consent.dto';

export type ConsentChange = { kind: 'give'; input: GiveConsentDto } | { kind: 'withdraw'; input: WithdrawConsentDto };

export class RecordConsentCommand extends Command<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly change: ConsentChange,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Gives consent (superseding the one in force) or withdraws it. Withdrawal pauses an open household,
 * so nothing more is assessed or matched, and tells the other services (ConsentWithdrawn).
 */
@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly vault: PersonalDataVault,
  ) {}

  execute({ householdId, change, actor }: RecordConsentCommand): Promise<HouseholdSummary> {
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, change.input.expectedVersion);
      if (household.isClosed) throw new HouseholdClosedError(household.status);
      const inForce = await manager.findOne(Consent, { where: { householdId, endedOn: IsNull() }, lock: { mode: 'pessimistic_write' } });
      const today = isoDate(new Date());
      const base = { aggregateId: household.id, actor };
      const ref = { householdId: household.id, reference: household.reference };

      if (change.kind === 'give') {
        if (inForce) await manager.update(Consent, { id: inForce.id }, { endedOn: today, endReason: 'superseded', endedBy: actor.id });
        const id = randomUUID();
        await manager.insert(Consent, {
          id,
          householdId,
          scope: change.input.scope,
          givenOn: change.input.givenOn,
          givenBy: change.input.givenBy,
          recordedBy: actor.id,
          recordedRole: actor.role,
          recordedAt: new Date(),
          endedOn: null,
          endReason: null,
          endedBy: null,
          noteEncrypted: this.vault.sealOptional(VaultContext.consentNote(id), change.input.note),
        });
        household.consentScope = [...change.input.scope];
        await this.households.save(manager, household, (version) => [
          newEvent(ConsentGiven, {
            ...base,
            aggregateVersion: version,
            payload: { ...ref, status: household.status, scope: household.consentScope, givenOn: change.input.givenOn },
          }),
        ]);
      } else {
        if (!inForce) throw new NoConsentInForceError();
        const withdrawnOn = change.input.withdrawnOn ?? today;
        const ended: Partial<Consent> = { endedOn: withdrawnOn, endReason: 'withdrawn', endedBy: actor.id };
        if (change.input.note) {
          const earlier = this.vault.openOptional<string>(VaultContext.consentNote(inForce.id), inForce.noteEncrypted);
          ended.noteEncrypted = this.vault.seal(VaultContext.consentNote(inForce.id), [earlier, change.input.note].filter(Boolean).join('\n'));
        }
        await manager.update(Consent, { id: inForce.id }, ended);
        household.consentScope = [];
        if (canTransition(household.status, 'pause')) household.apply('pause', 'consent_withdrawn');
        await this.households.save(manager, household, (version) => [
          newEvent(ConsentWithdrawn, { ...base, aggregateVersion: version, payload: { ...ref, status: household.status, withdrawnOn } }),
        ]);
      }
      return toHouseholdSummary(household);
    });
  }
}
