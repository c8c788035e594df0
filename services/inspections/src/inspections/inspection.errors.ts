import { ConflictError, InvalidTransitionError, NotFoundError } from '@hearth/platform';

export class InspectionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('INSPECTION.NOT_FOUND', `No inspection ${id}`);
  }
}

export class ChecklistItemNotFoundError extends NotFoundError {
  constructor(code: string, version: number) {
    super('CHECKLIST.ITEM_NOT_FOUND', `Checklist version ${version} has no item ${code}`);
  }
}

export class UnitUnknownError extends ConflictError {
  constructor(unitId: string) {
    super('INSPECTION.UNIT_UNKNOWN', `No unit ${unitId} has been announced by the units service (yet)`);
  }
}

export class UnitWithdrawnError extends ConflictError {
  constructor(unitId: string) {
    super('INSPECTION.UNIT_WITHDRAWN', `Unit ${unitId} was withdrawn from the agency`);
  }
}

export class InspectionAlreadyOpenError extends ConflictError {
  constructor(existingId: string, what: string) {
    super('INSPECTION.ALREADY_OPEN', `${what} is already requested or scheduled (inspection ${existingId})`, { inspectionId: existingId });
  }
}

export class ChecklistIncompleteError extends ConflictError {
  constructor(readonly missingItems: string[]) {
    super('INSPECTION.CHECKLIST_INCOMPLETE', `Answer every checklist item before completing: ${missingItems.length} missing`, { missingItems });
  }
}

export class NothingToReinspectError extends InvalidTransitionError {
  constructor(id: string) {
    super('INSPECTION.NOTHING_TO_REINSPECT', `Inspection ${id} has no open deficiencies to re-inspect`);
  }
}

export class PhotoNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PHOTO.NOT_FOUND', `No photo ${id} of this inspection`);
  }
}
