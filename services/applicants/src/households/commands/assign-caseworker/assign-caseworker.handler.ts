import { Actor } from '@hearth/auth';
import { CaseworkerAssigned } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseloadPolicy } from '../../caseload-policy';
import { HouseholdClosedError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { AssignCaseworkerDto } from './assign-caseworker.dto';

export class AssignCaseworkerCommand extends Command<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly input: AssignCaseworkerDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Puts a household on a caseworker's caseload, within the caseload limit of its programme. */
@CommandHandler(AssignCaseworkerCommand)
export class AssignCaseworkerHandler implements ICommandHandler<AssignCaseworkerCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly caseloads: CaseloadPolicy,
  ) {}

  execute({ householdId, input, actor }: AssignCaseworkerCommand): Promise<HouseholdSummary> {
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, input.expectedVersion);
      if (household.isClosed) throw new HouseholdClosedError(household.status);
      if (household.caseworkerId === input.caseworkerId) return toHouseholdSummary(household);
      if (input.caseworkerId) await this.caseloads.assertRoom(manager, input.caseworkerId, household.programme);
      household.caseworkerId = input.caseworkerId;
      // Matching (offers), leases (the tenancy) and mediation (alerts) let only the household's
      // caseworker see it, so they hear who that is (a staff user id) whatever the household's
      // status: waiting, offered or housed (decision 0018).
      await this.households.save(manager, household, (version) => [
        newEvent(CaseworkerAssigned, {
          aggregateId: household.id,
          aggregateVersion: version,
          actor,
          payload: { householdId: household.id, reference: household.reference, caseworkerId: household.caseworkerId },
        }),
      ]);
      return toHouseholdSummary(household);
    });
  }
}
