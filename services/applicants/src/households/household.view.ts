import { waitingDaysOn } from '@hearth/contracts';
import { Household } from './domain/household.entity';
import { isoDate } from './matching-attributes';

/** A household without personal data: what lists and staff summaries show (no access log needed). */
export function toHouseholdSummary(household: Household, now = new Date()) {
  return {
    id: household.id,
    version: household.version,
    reference: household.reference,
    programme: household.programme,
    status: household.status,
    statusReason: household.statusReason,
    pausedFrom: household.pausedFrom,
    registeredOn: isoDate(household.registeredAt),
    waitlistedAt: household.waitlistedAt,
    waitingDays: waitingDaysOn(isoDate(household.registeredAt), now),
    composition: {
      householdSize: household.householdSize,
      adults: household.adults,
      couples: household.couples,
      childrenAges: household.childrenAges,
    },
    needs: {
      recorded: household.needsRecordedAt !== null,
      bedroomsNeeded: household.bedroomsNeeded,
      bedroomsByRule: household.bedroomsByRule,
      bedroomsOverridden: household.bedroomsOverride !== null,
      wheelchair: household.wheelchair,
      stepFree: household.stepFree,
      pets: household.pets,
      maxRent: household.maxRent,
      maxRentBasis: household.maxRentBasis,
      preferredDistricts: household.preferredDistricts,
      excludedDistricts: household.excludedDistricts,
    },
    consent: { inForce: household.consentScope.length > 0, scope: household.consentScope },
    caseworkerId: household.caseworkerId,
    priority: household.priority,
    assessmentScore: household.assessmentScore,
    policyVersion: household.policyVersion,
    urgent: household.urgent,
    boardAdjustment: household.boardAdjustment,
    erased: household.isErased,
    createdAt: household.createdAt,
    updatedAt: household.updatedAt,
  };
}

export type HouseholdSummary = ReturnType<typeof toHouseholdSummary>;
