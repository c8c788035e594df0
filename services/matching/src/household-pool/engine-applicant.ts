import { waitingDaysOn } from '@hearth/contracts';
import { Applicant } from '@hearth/matching-engine';

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
