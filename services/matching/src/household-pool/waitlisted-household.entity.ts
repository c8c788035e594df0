import { numericColumn } from '@hearth/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PoolHouseholdStatus = 'registered' | 'assessed' | 'waitlisted' | 'offered' | 'housed' | 'paused' | 'withdrawn' | 'exited';

/**
 * What matching knows of a household, built from hearth.applicants events: its id, reference and
 * the attributes the engine reads, never personal data. Only `waitlisted` households are
 * candidates. Erasure deletes the row. Matching marks a household `offered` itself when it
 * accepts an offer; the next applicant event (a newer aggregate version) takes over.
 */
@Entity('waitlisted_households')
export class WaitlistedHousehold {
  @PrimaryColumn('uuid', { name: 'household_id' }) householdId: string;
  @Column('text') reference: string;
  @Column('text') programme: string;
  @Column('text') status: PoolHouseholdStatus;
  @Column('int', { name: 'household_size' }) householdSize: number;
  @Column('int', { name: 'bedrooms_needed' }) bedroomsNeeded: number;
  @Column('numeric', { name: 'max_rent', precision: 10, scale: 2, transformer: numericColumn }) maxRent: number;
  @Column('boolean') wheelchair: boolean;
  @Column('boolean', { name: 'step_free' }) stepFree: boolean;
  @Column('boolean') pets: boolean;
  @Column('text', { name: 'excluded_districts', array: true }) excludedDistricts: string[];
  @Column('text', { name: 'preferred_districts', array: true }) preferredDistricts: string[];
  @Column('double precision') priority: number;
  /** yyyy-mm-dd; waiting days are counted to the day of each shortlist or run. */
  @Column('date', { name: 'waiting_since' }) waitingSince: string;
  /** The household aggregate version last applied; older or repeated events change nothing. */
  @Column('int', { name: 'household_version' }) householdVersion: number;
  /** Staff user id of the household's caseworker, who may answer its offers. */
  @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;

  get isWaitlisted(): boolean {
    return this.status === 'waitlisted';
  }
}

// Kept apart from the entity (and TypeORM), so that a run's worker thread loads little; re-exported for the rest.
export type { HouseholdAttributes } from './engine-applicant';
export { todayUtc, toEngineApplicant } from './engine-applicant';
