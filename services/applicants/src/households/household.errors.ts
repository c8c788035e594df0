import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '@hearth/platform';
import { ConsentScope, SupportProgramme } from './domain/household.entity';

export class HouseholdNotFoundError extends NotFoundError {
  constructor(idOrReference: string) {
    super('HOUSEHOLD.NOT_FOUND', `No household ${idOrReference}`);
  }
}

/** Never names the person: only the reference of the household that may be the same one. */
export class PossibleDuplicateError extends ConflictError {
  constructor(existingReference: string) {
    super(
      'HOUSEHOLD.POSSIBLE_DUPLICATE',
      `A household with the same name and date of birth is already registered as ${existingReference}; if this is a different person, staff can confirm it with differentPersonConfirmed: true`,
      { existingReference },
    );
  }
}

export class DuplicateConfirmationForbiddenError extends ForbiddenError {
  constructor() {
    super('HOUSEHOLD.CONFIRMATION_REQUIRES_STAFF', 'Only agency staff can confirm that a possible duplicate is a different person');
  }
}

export class ConsentRequiredError extends ConflictError {
  constructor(missing: ConsentScope[]) {
    super('CONSENT.REQUIRED', `The household has not consented to ${missing.join(' and ')}`, { missingScope: missing });
  }
}

export class NoConsentInForceError extends ConflictError {
  constructor() {
    super('CONSENT.NONE_IN_FORCE', 'The household has no consent in force to withdraw');
  }
}

export class HouseholdClosedError extends ConflictError {
  constructor(status: string) {
    super('HOUSEHOLD.CLOSED', `The household is ${status}; its record can no longer change`);
  }
}

export class NeedsIncompleteError extends ConflictError {
  constructor() {
    super('HOUSEHOLD.NEEDS_INCOMPLETE', 'Record the household’s needs, including the maximum affordable rent, before waitlisting it');
  }
}

export class NotAssessedError extends ConflictError {
  constructor() {
    super('HOUSEHOLD.NOT_ASSESSED', 'The household has no priority assessment yet');
  }
}

export class CaseloadFullError extends ConflictError {
  constructor(caseworkerId: string, programme: SupportProgramme, limit: number) {
    super('CASEWORKER.CASELOAD_FULL', `Caseworker ${caseworkerId} already holds ${limit} ${programme} households, the limit`, { limit });
  }
}

export class HouseholdErasedError extends DomainError {
  constructor(reference: string) {
    super('HOUSEHOLD.ERASED', `The personal data of ${reference} was erased`, 410);
  }
}
