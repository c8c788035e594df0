import { ConflictError, NotFoundError } from '@hearth/platform';

export class BoardDecisionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('BOARD.DECISION_NOT_FOUND', `No board decision ${id}`);
  }
}

export class NotOnListError extends ConflictError {
  constructor(reference: string, status: string) {
    super('BOARD.NOT_ON_LIST', `${reference} is ${status} and has no priority to decide on`);
  }
}

export class AlreadyUrgentError extends ConflictError {
  constructor(reference: string) {
    super('BOARD.ALREADY_URGENT', `${reference} already has urgent status`);
  }
}

export class AlreadyReversedError extends ConflictError {
  constructor(id: string) {
    super('BOARD.ALREADY_REVERSED', `Board decision ${id} was already reversed`);
  }
}
