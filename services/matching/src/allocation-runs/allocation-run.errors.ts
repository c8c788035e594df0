import { ConflictError, NotFoundError } from '@hearth/platform';
import { UnitLeftOut } from './domain/allocation-run.entity';

export class RunNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('RUN.NOT_FOUND', `No allocation run ${id}`);
  }
}

export class RunUnitsNotAvailableError extends ConflictError {
  constructor(units: UnitLeftOut[]) {
    super('RUN.UNITS_NOT_AVAILABLE', `${units.length} of the units asked for cannot be allocated now: ${units.map((u) => `${u.unitId} (${u.reason.replace(/_/g, ' ')})`).join(', ')}`, {
      units,
    });
  }
}

export class RunNotSolvedError extends ConflictError {
  constructor(id: string, status: string) {
    super('RUN.NOT_SOLVED', `Allocation run ${id} is ${status.replace(/_/g, ' ')}; it has no result to show or check yet`);
  }
}
