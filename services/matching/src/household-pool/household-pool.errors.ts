import { NotFoundError } from '@hearth/platform';

/** Matching has not heard of this household, or it was erased. */
export class UnknownHouseholdError extends NotFoundError {
  constructor(id: string) {
    super('MATCHING.HOUSEHOLD_NOT_FOUND', `Matching knows no household ${id}`);
  }
}
