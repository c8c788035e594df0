import { ApplicantNeedsChanged, MatchingAttributes, SYSTEM_ACTOR } from '@hearth/contracts';
import { EventOutbox, NewEvent, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { createLogger } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicantsRules } from '../../../config';
import { isoDate } from '../../../households/matching-attributes';
import { AssessmentDetails, PersonalDataVault, VaultContext } from '../../../households/personal-data';
import { PriorityPolicy, scorePriority } from '../../domain/priority-policy';
import { PriorityPolicyVersion } from '../../domain/priority-policy.entity';
import { PolicyRegistry } from '../../policy-registry';

export interface RescoringProgress {
  policyVersion: number;
  /** Waitlisted households scored under an older policy when the run started. */
  total: number;
  processed: number;
  /** Households whose priority changed (each published one ApplicantNeedsChanged). */
  changed: number;
  outcome: 'running' | 'completed' | 'superseded' | 'unknown_policy';
}

export class RescoreWaitlistCommand extends Command<RescoringProgress> {
  constructor(
    readonly policyVersion: number,
    readonly onProgress: (progress: RescoringProgress) => Promise<void> = async () => undefined,
  ) {
    super();
  }
}

/** Where a pass over the households still to re-score has got to (by id). */
type Cursor = string;

interface Row {
  id: string;
  version: number;
  policy_version: number;
  reference: string;
  programme: MatchingAttributes['programme'];
  household_size: number;
  bedrooms_needed: number;
  max_rent: string;
  wheelchair: boolean;
  step_free: boolean;
  pets: boolean;
  excluded_districts: string[];
  preferred_districts: string[];
  registered_at: Date;
  priority: string;
  urgent: boolean;
  board_adjustment: string;
  assessment_id: string;
  details_encrypted: string;
}

/**
 * Re-scores every waitlisted household under a policy version, in batches of one transaction
 * each (row-locked, so requests changing a household wait for its batch, and the other way
 * round). For 100,000 households this is a bulk job, so it reads and writes with set-based SQL
 * instead of loading aggregates one by one, keeping the aggregate's rules: each household whose
 * priority changed gets its version bumped and one ApplicantNeedsChanged (the full matching
 * snapshot), appended to the outbox in one insert per batch; an unchanged priority publishes
 * nothing. Batches pick households still scored under an older version, so the run resumes
 * where it stopped after a crash, and households scored late by a request are picked up too.
 */
@CommandHandler(RescoreWaitlistCommand)
export class RescoreWaitlistHandler implements ICommandHandler<RescoreWaitlistCommand> {
  private readonly logger = createLogger('applicants').child({ component: 'rescoring' });
  /** Published versions never change, so they are read once. */
  private readonly knownPolicies = new Map<number, PriorityPolicy | null>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: PolicyRegistry,
    private readonly vault: PersonalDataVault,
    private readonly outbox: EventOutbox,
    private readonly rules: ApplicantsRules,
  ) {}

  async execute({ policyVersion, onProgress }: RescoreWaitlistCommand): Promise<RescoringProgress> {
    const manager = this.dataSource.manager;
    const progress: RescoringProgress = { policyVersion, total: 0, processed: 0, changed: 0, outcome: 'running' };
    const policy = await this.policies.find(manager, policyVersion);
    if (!policy) return { ...progress, outcome: 'unknown_policy' };
    const [{ total }] = await manager.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM households WHERE status = 'waitlisted' AND policy_version < $1`,
      [policyVersion],
    );
    progress.total = total;
    this.logger.info({ policyVersion, total }, 're-scoring the waitlist');
    await onProgress(progress);

    // One pass along the primary key with a cursor, so no batch walks over what earlier batches
    // already did; then passes from the start until one finds nothing, for households a request
    // scored under the old policy while the pass was running.
    let cursor: Cursor | null = null;
    let sweeping = false;
    for (;;) {
      if ((await this.policies.current(manager)).version > policyVersion) {
        this.logger.info({ policyVersion }, 're-scoring stopped: a newer policy was published');
        return { ...progress, outcome: 'superseded' };
      }
      const batch = await this.unitOfWork.run((tx) => this.rescoreBatch(tx, policy, cursor));
      progress.processed += batch.processed;
      progress.changed += batch.changed;
      progress.total = Math.max(progress.total, progress.processed);
      if (batch.processed === this.rules.rescoreBatchSize) {
        cursor = batch.last;
      } else if (!sweeping || batch.processed > 0) {
        sweeping = true;
        cursor = null;
      } else {
        break;
      }
      await onProgress(progress);
    }

    await manager.update(PriorityPolicyVersion, { version: policyVersion }, {
      rescoringCompletedAt: new Date(),
      rescoredHouseholds: progress.processed,
      changedHouseholds: progress.changed,
    });
    const done = { ...progress, outcome: 'completed' as const };
    await onProgress(done);
    this.logger.info({ policyVersion, processed: done.processed, changed: done.changed }, 're-scoring completed');
    return done;
  }

  private async policyVersion(manager: EntityManager, version: number): Promise<PriorityPolicy | null> {
    if (!this.knownPolicies.has(version)) this.knownPolicies.set(version, await this.policies.find(manager, version));
    return this.knownPolicies.get(version)!;
  }

  private async rescoreBatch(manager: EntityManager, policy: PriorityPolicy, after: Cursor | null): Promise<{ processed: number; changed: number; last: Cursor | null }> {
    await this.policies.forScoring(manager);
    const rows = await manager.query<Row[]>(
      `SELECT h.id, h.version, h.policy_version, h.reference, h.programme, h.household_size, h.bedrooms_needed, h.max_rent, h.wheelchair, h.step_free, h.pets,
              h.excluded_districts, h.preferred_districts, h.registered_at, h.priority, h.urgent, h.board_adjustment,
              a.id AS assessment_id, a.details_encrypted
         FROM households h JOIN assessments a ON a.id = h.current_assessment_id
        WHERE h.id > $3::uuid AND h.status = 'waitlisted' AND h.policy_version < $1
        ORDER BY h.id
        LIMIT $2
          FOR UPDATE OF h`,
      [policy.version, this.rules.rescoreBatchSize, after ?? '00000000-0000-0000-0000-000000000000'],
    );
    if (rows.length === 0) return { processed: 0, changed: 0, last: after };

    const ids: string[] = [];
    const priorities: number[] = [];
    const assessmentScores: number[] = [];
    const breakdowns: (string | null)[] = [];
    const changed: boolean[] = [];
    const events: NewEvent[] = [];
    for (const row of rows) {
      const details = this.vault.open<AssessmentDetails>(VaultContext.assessment(row.assessment_id), row.details_encrypted);
      const standing = { urgent: row.urgent, adjustment: Number(row.board_adjustment) };
      const score = scorePriority(policy, details, standing);
      const priorityChanged = score.priority !== Number(row.priority);
      // The stored breakdown is sealed; recomputing it under the household's previous policy tells
      // whether it changed without decrypting it, and an unchanged one is not sealed again.
      const previous = await this.policyVersion(manager, row.policy_version);
      const before = previous && scorePriority(previous, details, standing);
      const breakdownChanged = !before || before.priority !== Number(row.priority) || JSON.stringify(before.breakdown) !== JSON.stringify(score.breakdown);
      ids.push(row.id);
      priorities.push(score.priority);
      assessmentScores.push(score.assessmentScore);
      breakdowns.push(breakdownChanged ? this.vault.seal(VaultContext.breakdown(row.id), score.breakdown) : null);
      changed.push(priorityChanged);
      if (priorityChanged) {
        events.push(newEvent(ApplicantNeedsChanged, { aggregateId: row.id, aggregateVersion: row.version + 1, actor: SYSTEM_ACTOR, payload: attributesOf(row, score.priority) }));
      }
    }
    await manager.query(
      `UPDATE households h
          SET priority = v.priority, assessment_score = v.assessment_score, priority_breakdown_encrypted = coalesce(v.breakdown, h.priority_breakdown_encrypted),
              policy_version = $6, version = h.version + CASE WHEN v.changed THEN 1 ELSE 0 END,
              updated_at = CASE WHEN v.changed THEN now() ELSE h.updated_at END
         FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::text[], $5::boolean[]) AS v(id, priority, assessment_score, breakdown, changed)
        WHERE h.id = v.id`,
      [ids, priorities, assessmentScores, breakdowns, changed, policy.version],
    );
    await this.outbox.append(manager, events);
    return { processed: rows.length, changed: events.length, last: rows[rows.length - 1].id };
  }
}

function attributesOf(row: Row, priority: number): MatchingAttributes {
  return {
    householdId: row.id,
    reference: row.reference,
    programme: row.programme,
    status: 'waitlisted',
    householdSize: row.household_size,
    bedroomsNeeded: row.bedrooms_needed,
    maxRent: Number(row.max_rent),
    wheelchair: row.wheelchair,
    stepFree: row.step_free,
    pets: row.pets,
    excludedDistricts: row.excluded_districts,
    preferredDistricts: row.preferred_districts,
    priority,
    waitingSince: isoDate(row.registered_at),
  };
}
