import { ConflictError, DomainError, NotFoundError } from '@hearth/platform';

export class UserNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('USER.NOT_FOUND', `No user ${id}`);
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('USER.EMAIL_TAKEN', 'An account with this e-mail address already exists');
  }
}

export class LandlordAlreadyLinkedError extends ConflictError {
  constructor(landlordId: string) {
    super('USER.LANDLORD_ALREADY_LINKED', `Landlord ${landlordId} already has a user`);
  }
}

/** Sign-in refused; the message never says whether the account exists. */
export class SignInFailedError extends DomainError {
  constructor(code = 'AUTH.INVALID_CREDENTIALS', message = 'The e-mail address or password is wrong', extras: Record<string, unknown> = {}) {
    super(code, message, 401, extras);
  }
}

export class InvalidLinkError extends DomainError {
  constructor() {
    super('AUTH.INVALID_LINK', 'This link is invalid, already used or expired; ask for a new one', 400);
  }
}
