import { waitingDaysOn } from '@hearth/contracts';
import { Applicant } from '@hearth/matching-engine';
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
  @Column('double precision', { name: 'max_rent' }) maxRent: number;
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

/** The fields of a household the engine reads, under any name for the row's columns. */
export interface HouseholdAttributes {
  householdId: string;
  householdSize: number;
  bedroomsNeeded: number;
  maxRent: number;
  wheelchair: boolean;
  stepFree: boolean;
  pets: boolean;
  excludedDistricts: readonly string[];
  preferredDistricts: readonly string[];
  priority: number;
  waitingSince: string;
}

/** The household as the engine reads it (docs/matching-rules.md#instance), its waiting time counted to `on`. */
export function toEngineApplicant(household: HouseholdAttributes, on: string): Applicant {
  return {
    id: household.householdId,
    householdSize: household.householdSize,
    bedroomsNeeded: household.bedroomsNeeded,
    maxRent: household.maxRent,
    wheelchair: household.wheelchair,
    stepFree: household.stepFree,
    pets: household.pets,
    excludedDistricts: household.excludedDistricts,
    preferredDistricts: household.preferredDistricts,
    priority: household.priority,
    waitingDays: waitingDaysOn(household.waitingSince, on),
  };
}

/** Today in UTC (yyyy-mm-dd): the day waiting time is counted to. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
