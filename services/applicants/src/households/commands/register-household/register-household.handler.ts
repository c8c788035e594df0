import { Actor, isStaff } from '@hearth/auth';
import { ApplicantRegistered } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { isUniqueViolation, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ApplicantsRules } from '../../../config';
import { bedroomsByRule } from '../../domain/bedroom-rule';
import { Household } from '../../domain/household.entity';
import { allocateReference } from '../../domain/reference-code';
import { CaseloadPolicy } from '../../caseload-policy';
import { compositionOf } from '../../household.schemas';
import { DuplicateConfirmationForbiddenError, PossibleDuplicateError } from '../../household.errors';
import { HouseholdRepository } from '../../household.repository';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';
import { isoDate } from '../../matching-attributes';
import { PersonalDataVault, PersonalDetails, VaultContext } from '../../personal-data';
import { RegisterHouseholdDto } from './register-household.dto';

export type CaseworkerAssignment = 'assigned_to_you' | 'unassigned' | 'unassigned_caseload_full';
export type RegisteredHousehold = HouseholdSummary & { assignment: CaseworkerAssignment };

export class RegisterHouseholdCommand extends Command<RegisteredHousehold> {
  constructor(
    readonly input: RegisterHouseholdDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

const DUPLICATE_LOCK_NAMESPACE = 0x4455_504b; // "DUPK"

/**
 * Registers a household: personal data sealed, a fresh reference, a duplicate check on the keyed
 * hash of name and date of birth, and, when a caseworker registers, assignment to their caseload
 * if it has room. The answer holds no personal data (it is also what Idempotency-Key replays).
 */
@CommandHandler(RegisterHouseholdCommand)
export class RegisterHouseholdHandler implements ICommandHandler<RegisterHouseholdCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
    private readonly vault: PersonalDataVault,
    private readonly caseloads: CaseloadPolicy,
    private readonly rules: ApplicantsRules,
  ) {}

  async execute({ input, actor }: RegisterHouseholdCommand): Promise<RegisteredHousehold> {
    if (input.differentPersonConfirmed && !isStaff(actor)) throw new DuplicateConfirmationForbiddenError();
    // The unique reference index is the last guard: a lost race for a reference retries once more.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.unitOfWork.run((manager) => this.register(manager, input, actor));
      } catch (error) {
        if (!isUniqueViolation(error, 'households_reference') || attempt >= 3) throw error;
      }
    }
  }

  private async register(manager: EntityManager, input: RegisterHouseholdDto, actor: Actor): Promise<RegisteredHousehold> {
    const { fullName, dateOfBirth } = input.primaryContact;
    const duplicateKey = this.vault.duplicateKey(fullName, dateOfBirth);
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DUPLICATE_LOCK_NAMESPACE, duplicateKey]);
    const [existing] = await manager.query<{ reference: string }[]>(
      'SELECT reference FROM households WHERE duplicate_key = $1 ORDER BY registered_at LIMIT 1',
      [duplicateKey],
    );
    if (existing && !input.differentPersonConfirmed) throw new PossibleDuplicateError(existing.reference);

    const reference = await allocateReference(async (candidates) =>
      (await manager.query<{ reference: string }[]>('SELECT reference FROM households WHERE reference = ANY($1)', [candidates])).map((r) => r.reference),
    );
    const composition = compositionOf(input.members);
    const id = randomUUID();
    const assignment = await this.assignmentFor(manager, actor, input.programme);
    const personal: PersonalDetails = {
      primaryContact: {
        fullName,
        dateOfBirth,
        phone: input.primaryContact.phone ?? null,
        email: input.primaryContact.email ?? null,
        preferredLanguage: input.primaryContact.preferredLanguage,
      },
      referral: { source: input.referral.source, organisation: input.referral.organisation ?? null, note: input.referral.note ?? null },
      legalStatus: input.legalStatus ? { status: input.legalStatus.status, note: input.legalStatus.note ?? null } : null,
      notes: input.notes ?? null,
    };
    const household = manager.create(Household, {
      id,
      version: 0,
      reference,
      programme: input.programme,
      status: 'registered',
      pausedFrom: null,
      statusReason: null,
      statusNoteEncrypted: null,
      registeredAt: new Date(),
      waitlistedAt: null,
      bedroomsOverride: null,
      wheelchair: false,
      stepFree: false,
      pets: false,
      maxRent: null,
      maxRentBasis: null,
      preferredDistricts: [],
      excludedDistricts: [],
      needsRecordedAt: null,
      needsEncrypted: null,
      caseworkerId: assignment === 'assigned_to_you' ? actor.id : null,
      consentScope: [],
      currentAssessmentId: null,
      assessmentScore: null,
      priority: null,
      priorityBreakdownEncrypted: null,
      policyVersion: null,
      urgent: false,
      boardAdjustment: 0,
      personalEncrypted: this.vault.seal(VaultContext.personal(id), personal),
      duplicateKey,
      differentPersonConfirmedBy: existing ? actor.id : null,
      erasedAt: null,
    });
    household.setComposition(composition, bedroomsByRule(this.rules.bedrooms, composition));
    await this.households.save(manager, household, (version) => [
      newEvent(ApplicantRegistered, {
        aggregateId: id,
        aggregateVersion: version,
        actor,
        payload: {
          householdId: id,
          reference,
          programme: household.programme,
          status: 'registered',
          householdSize: household.householdSize,
          registeredOn: isoDate(household.registeredAt),
        },
      }),
    ]);
    const saved = await manager.findOneByOrFail(Household, { id });
    return { ...toHouseholdSummary(saved), assignment };
  }

  private async assignmentFor(manager: EntityManager, actor: Actor, programme: Household['programme']): Promise<CaseworkerAssignment> {
    if (actor.role !== 'caseworker') return 'unassigned';
    return (await this.caseloads.hasRoom(manager, actor.id, programme)) ? 'assigned_to_you' : 'unassigned_caseload_full';
  }
}
