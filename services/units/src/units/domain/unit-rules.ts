import { FieldError, ValidationError } from '@hearth/platform';
import { UnitAttributes } from './unit.entity';

/** Consistency rules between a flat's attributes that a per-field schema cannot check. */
export function assertConsistentUnit(unit: UnitAttributes): void {
  const problems: FieldError[] = [];
  if (unit.wheelchairAccessible && !unit.stepFree) {
    problems.push({ field: 'stepFree', message: 'a wheelchair-accessible flat must be step-free' });
  }
  if (unit.stepFree && unit.floor !== 0 && !unit.elevator) {
    problems.push({ field: 'stepFree', message: 'a flat above or below the ground floor is step-free only with an elevator' });
  }
  if (unit.type === 'studio' && unit.bedrooms !== 0) {
    problems.push({ field: 'bedrooms', message: 'a studio has no separate bedroom' });
  }
  if (unit.maxOccupants > 2 * (unit.bedrooms + 1)) {
    problems.push({ field: 'maxOccupants', message: 'exceeds two people per room' });
  }
  if (problems.length) throw new ValidationError(problems);
}
