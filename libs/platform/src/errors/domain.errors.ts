/**
 * An expected failure of a use case, with a stable code (`UNIT.NOT_AVAILABLE`) and the
 * HTTP status ProblemDetailsFilter answers it with. `extras` are added to the problem body.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, extras?: Record<string, unknown>) {
    super(code, message, 404, extras);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extras?: Record<string, unknown>) {
    super(code, message, 409, extras);
  }
}

/** `An available`, `A let`: for messages people read, such as invalid transitions. */
export function withArticle(words: string): string {
  return `${/^[aeiou]/.test(words) ? 'An' : 'A'} ${words}`;
}

/** A state-machine transition that the aggregate's current state does not allow. */
export class InvalidTransitionError extends ConflictError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export interface FieldError {
  field: string;
  message: string;
}

/** Input that passed schema validation but breaks a domain rule. */
export class ValidationError extends DomainError {
  constructor(readonly fields: FieldError[]) {
    super('VALIDATION_FAILED', fields.map(({ field, message }) => `${field}: ${message}`).join('; '), 400, {
      errors: fields,
    });
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string, extras?: Record<string, unknown>) {
    super(code, message, 403, extras);
  }
}
