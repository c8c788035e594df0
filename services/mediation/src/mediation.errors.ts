import { ConflictError, InvalidTransitionError, NotFoundError } from '@hearth/platform';

export class ComplaintNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('COMPLAINT.NOT_FOUND', `No complaint ${id}`);
  }
}

export class ComplaintTransitionError extends InvalidTransitionError {
  constructor(message: string) {
    super('COMPLAINT.INVALID_TRANSITION', message);
  }
}

export class SameHandlerError extends ConflictError {
  constructor() {
    super('COMPLAINT.SAME_HANDLER', 'Stage 2 must be handled by someone other than the stage-1 handler');
  }
}

export class ExtensionTooLongError extends ConflictError {
  constructor(maxDays: number, alreadyDays: number) {
    super('COMPLAINT.EXTENSION_TOO_LONG', `An answer may be extended by at most ${maxDays} working days in all (${alreadyDays} already)`, { maxDays, alreadyDays });
  }
}

export class TenancyUnknownError extends ConflictError {
  constructor(tenancyId: string) {
    super('COMPLAINT.TENANCY_UNKNOWN', `No tenancy ${tenancyId} has been announced by the leases service (yet)`);
  }
}

export class TenancyUnitMismatchError extends ConflictError {
  constructor(tenancyId: string, unitId: string) {
    super('COMPLAINT.TENANCY_NOT_OF_UNIT', `Tenancy ${tenancyId} is not a tenancy of unit ${unitId}`);
  }
}

export class PreparationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PREPARATION.NOT_FOUND', `No preparation ${id}`);
  }
}

export class TaskNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PREPARATION.TASK_NOT_FOUND', `No task ${id}`);
  }
}

export class PreparationTransitionError extends InvalidTransitionError {
  constructor(message: string) {
    super('PREPARATION.INVALID_TRANSITION', message);
  }
}

export class NeighbourNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('NEIGHBOUR.NOT_FOUND', `No neighbour ${id}`);
  }
}

export class CaseReviewNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('CASE_REVIEW.NOT_FOUND', `No case review ${id}`);
  }
}

export class MediationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('MEDIATION.NOT_FOUND', `No mediation ${id}`);
  }
}

export class MediationTransitionError extends InvalidTransitionError {
  constructor(message: string) {
    super('MEDIATION.INVALID_TRANSITION', message);
  }
}

export class ConflictOfInterestError extends ConflictError {
  constructor(members: string[]) {
    super('MEDIATION.CONFLICT_OF_INTEREST', `A party to the case or its handling caseworker may not sit on the committee: ${members.join(', ')}`, { members });
  }
}

export class NeighbourUnknownError extends ConflictError {
  constructor(id: string) {
    super('COMPLAINT.NEIGHBOUR_UNKNOWN', `No neighbour record ${id}: register the neighbour first`);
  }
}

export class UnitNotFoundError extends NotFoundError {
  constructor(unitId: string) {
    super('COMPLAINT.UNIT_NOT_FOUND', `No flat ${unitId} of yours`);
  }
}
