import { InvalidTransitionError, NotFoundError } from '@hearth/platform';

/** Matching has not heard of this unit (or, for a landlord, it is not theirs). */
export class UnknownUnitError extends NotFoundError {
  constructor(id: string) {
    super('MATCHING.UNIT_NOT_FOUND', `Matching knows no unit ${id}`);
  }
}

export class ShortlistUnitNotAvailableError extends InvalidTransitionError {
  constructor(unitId: string, status: string) {
    super('SHORTLIST.UNIT_NOT_AVAILABLE', `Unit ${unitId} is ${status.replace(/_/g, ' ')}; shortlists are computed for available units only`);
  }
}
