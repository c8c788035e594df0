import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '@hearth/platform';
import { Ineligibility } from '@hearth/matching-engine';

export class OfferNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('OFFER.NOT_FOUND', `No offer ${id}`);
  }
}

export class UnitNotAvailableError extends InvalidTransitionError {
  constructor(unitId: string, status: string) {
    super('OFFER.UNIT_NOT_AVAILABLE', `Unit ${unitId} is ${status.replace(/_/g, ' ')}, not available, so it cannot be offered`);
  }
}

export class HouseholdNotWaitlistedError extends InvalidTransitionError {
  constructor(reference: string, status: string) {
    super('OFFER.HOUSEHOLD_NOT_WAITLISTED', `Household ${reference} is ${status}, not waitlisted, so it cannot be offered a unit`);
  }
}

export class UnitHasLiveOfferError extends ConflictError {
  constructor(unitId: string) {
    super('OFFER.UNIT_HAS_LIVE_OFFER', `Unit ${unitId} already has a proposed or open offer`);
  }
}

export class HouseholdHasLiveOfferError extends ConflictError {
  constructor(reference: string) {
    super('OFFER.HOUSEHOLD_HAS_LIVE_OFFER', `Household ${reference} already has a proposed or open offer`);
  }
}

export class NotEligibleError extends ConflictError {
  constructor(reference: string, unitId: string, reasons: readonly Ineligibility[]) {
    super('OFFER.NOT_ELIGIBLE', `Household ${reference} is not eligible for unit ${unitId}: ${reasons.map((r) => r.message).join(' ')}`, {
      reasons,
    });
  }
}

export class OfferDeadlinePassedError extends ConflictError {
  constructor(id: string, deadline: Date) {
    super('OFFER.DEADLINE_PASSED', `The response deadline of offer ${id} passed at ${deadline.toISOString()}; the offer expires`);
  }
}

export class ProviderReasonStaffOnlyError extends ForbiddenError {
  constructor() {
    super('OFFER.PROVIDER_REASON_STAFF_ONLY', 'A caseworker records the household’s answer: use a household.* reason; provider.* reasons are for staff');
  }
}
