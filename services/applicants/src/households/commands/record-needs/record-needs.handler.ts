import { Actor } from '@hearth/auth';
import { ApplicantNeedsChanged } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicantsRules } from '../../../config';
import { affordableRent } from '../../domain/affordability-rule';
import { bedroomsByRule } from '../../domain/bedroom-rule';
import { compositionOf } from '../../household.schemas';
import { HouseholdClosedError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { changedMatchingAttributes, matchingAttributesOrNull } from '../../matching-attributes';
import { NeedsDetails, PersonalDataVault, VaultContext } from '../../personal-data';
import { RecordNeedsDto } from './record-needs.dto';

export class RecordNeedsCommand extends Command<HouseholdSummary> {
  constructor(
    readonly householdId: string,
    readonly input: RecordNeedsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Records what matching uses: bedrooms (by rule or overridden with a reason), accessibility,
 * pets, the maximum affordable rent (by rule from income, or set) and district preferences.
 * A household in the matching pool publishes ApplicantNeedsChanged when any of it changed.
 */
@CommandHandler(RecordNeedsCommand)
export class RecordNeedsHandler implements ICommandHandler<RecordNeedsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly vault: PersonalDataVault,
    private readonly rules: ApplicantsRules,
  ) {}

  execute({ householdId, input, actor }: RecordNeedsCommand): Promise<HouseholdSummary> {
    return this.unitOfWork.run(async (manager) => {
      const household = await this.households.getForUpdate(manager, householdId, actor);
      assertExpectedVersion('Household', household, input.expectedVersion);
      if (household.isClosed) throw new HouseholdClosedError(household.status);
      const before = matchingAttributesOrNull(household);

      const composition = input.members ? compositionOf(input.members) : { adults: household.adults, couples: household.couples, childrenAges: household.childrenAges };
      household.bedroomsOverride = input.bedroomsOverride?.bedrooms ?? null;
      household.setComposition(composition, bedroomsByRule(this.rules.bedrooms, composition));
      household.wheelchair = input.wheelchair;
      household.stepFree = input.stepFree || input.wheelchair;
      household.pets = input.pets;
      household.maxRentBasis = input.rent.basis;
      household.maxRent = input.rent.basis === 'rule' ? affordableRent(this.rules.affordability, input.rent, composition) : input.rent.maxRent;
      household.preferredDistricts = input.preferredDistricts;
      household.excludedDistricts = input.excludedDistricts.map((e) => e.district);
      household.needsRecordedAt = new Date();
      const details: NeedsDetails = {
        bedroomsOverrideReason: input.bedroomsOverride?.reason ?? null,
        excludedDistrictReasons: input.excludedDistricts,
        income: input.rent.basis === 'rule' ? { monthlyIncome: input.rent.monthlyIncome, monthlyBenefits: input.rent.monthlyBenefits } : null,
        maxRentReason: input.rent.basis === 'set' ? (input.rent.reason ?? null) : null,
      };
      household.needsEncrypted = this.vault.seal(VaultContext.needs(household.id), details);

      const after = changedMatchingAttributes(household, before);
      await this.households.save(manager, household, (version) =>
        after ? [newEvent(ApplicantNeedsChanged, { aggregateId: household.id, aggregateVersion: version, actor, payload: after })] : [],
      );
      return toHouseholdSummary(household);
    });
  }
}
