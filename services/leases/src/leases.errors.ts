import { ConflictError, NotFoundError } from '@hearth/platform';

export class TenancyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('TENANCY.NOT_FOUND', `No tenancy ${id}`);
  }
}

export class HeadLeaseNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('HEAD_LEASE.NOT_FOUND', `No head lease ${id}`);
  }
}

export class OwnerMonthNotDueError extends ConflictError {
  constructor(month: string) {
    super('HEAD_LEASE.MONTH_NOT_DUE', `Nothing is due to the owner for ${month} yet`);
  }
}

export class OwnerOverpaymentError extends ConflictError {
  constructor(month: string, owedCents: number) {
    super('HEAD_LEASE.OVERPAYMENT', `The payment exceeds what is still owed to the owner for ${month} (${owedCents} cents)`, { owedCents });
  }
}

export class TenancyDatesError extends ConflictError {
  constructor(message: string) {
    super('TENANCY.INVALID_DATES', message);
  }
}

export class ClaimNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('CLAIM.NOT_FOUND', `No claim ${id}`);
  }
}

export class ClaimNotCoveredError extends ConflictError {
  constructor(kind: string) {
    super('CLAIM.NOT_COVERED', `The owner's agreement does not cover ${kind.replace('_', ' ')} claims`);
  }
}
