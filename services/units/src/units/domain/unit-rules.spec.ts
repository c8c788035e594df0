import { ValidationError } from '@hearth/platform';
import { aUnit } from '@hearth/testing';
import { assertConsistentUnit } from './unit-rules';
import { UnitAttributes } from './unit.entity';

/** A two-bedroom ground-floor flat for four, step-free, without an elevator. */
function aFlat(overrides: Partial<UnitAttributes> = {}): UnitAttributes {
  return { ...(aUnit().build() as unknown as UnitAttributes), ...overrides };
}

function problemsOf(unit: UnitAttributes): { field: string; message: string }[] {
  try {
    assertConsistentUnit(unit);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  return [];
}

const NOT_STEP_FREE = { field: 'stepFree', message: 'a wheelchair-accessible flat must be step-free' };
const NO_ELEVATOR = { field: 'stepFree', message: 'a flat above or below the ground floor is step-free only with an elevator' };
const STUDIO_BEDROOM = { field: 'bedrooms', message: 'a studio has no separate bedroom' };
const OVERCROWDED = { field: 'maxOccupants', message: 'exceeds two people per room' };

describe('assertConsistentUnit', () => {
  it('accepts an ordinary two-bedroom flat for four on the ground floor', () => {
    expect(() => assertConsistentUnit(aFlat())).not.toThrow();
  });

  it('accepts an ordinary upstairs flat that is not step-free', () => {
    expect(problemsOf(aFlat({ floor: 3, elevator: false, stepFree: false }))).toEqual([]);
  });

  describe('wheelchair access', () => {
    it('accepts a wheelchair-accessible flat on the third floor with an elevator', () => {
      expect(problemsOf(aFlat({ wheelchairAccessible: true, stepFree: true, floor: 3, elevator: true }))).toEqual([]);
    });

    it('rejects a wheelchair-accessible flat that is not step-free', () => {
      expect(problemsOf(aFlat({ wheelchairAccessible: true, stepFree: false }))).toEqual([NOT_STEP_FREE]);
    });
  });

  describe('step-free access', () => {
    it.each([
      ['upstairs', 2],
      ['in the basement', -1],
    ])('rejects a step-free flat %s without an elevator', (_label, floor) => {
      expect(problemsOf(aFlat({ floor, elevator: false, stepFree: true }))).toEqual([NO_ELEVATOR]);
    });

    it('accepts a step-free flat upstairs with an elevator', () => {
      expect(problemsOf(aFlat({ floor: 5, elevator: true, stepFree: true }))).toEqual([]);
    });

    it('accepts a step-free flat on the ground floor without an elevator', () => {
      expect(problemsOf(aFlat({ floor: 0, elevator: false, stepFree: true }))).toEqual([]);
    });
  });

  describe('studios', () => {
    it('accepts a studio without a bedroom for two', () => {
      expect(problemsOf(aFlat({ type: 'studio', bedrooms: 0, maxOccupants: 2 }))).toEqual([]);
    });

    it('rejects a studio with a bedroom', () => {
      expect(problemsOf(aFlat({ type: 'studio', bedrooms: 1, maxOccupants: 2 }))).toEqual([STUDIO_BEDROOM]);
    });
  });

  describe('occupancy (two people per room, the living room counting as one)', () => {
    it.each([
      [0, 2],
      [1, 4],
      [2, 6],
      [3, 8],
    ])('accepts %i bedroom(s) for up to %i people', (bedrooms, maxOccupants) => {
      expect(problemsOf(aFlat({ bedrooms, maxOccupants }))).toEqual([]);
    });

    it.each([
      [0, 3],
      [1, 5],
      [2, 7],
    ])('rejects %i bedroom(s) for %i people', (bedrooms, maxOccupants) => {
      expect(problemsOf(aFlat({ bedrooms, maxOccupants }))).toEqual([OVERCROWDED]);
    });
  });

  it('reports every inconsistency at once in a 400 ValidationError', () => {
    const unit = aFlat({ type: 'studio', bedrooms: 1, maxOccupants: 9, wheelchairAccessible: true, stepFree: false, floor: 4, elevator: false });

    let thrown: unknown;
    try {
      assertConsistentUnit(unit);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, fields: [NOT_STEP_FREE, STUDIO_BEDROOM, OVERCROWDED] });
  });

  it('rejects a wheelchair-accessible flat upstairs without an elevator even when it is marked step-free', () => {
    const problems = problemsOf(aFlat({ wheelchairAccessible: true, stepFree: true, floor: 2, elevator: false }));

    expect(problems).toEqual([NO_ELEVATOR]);
  });
});
