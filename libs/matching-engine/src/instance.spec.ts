import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInstanceError, parseInstance } from './instance';

const example = JSON.parse(readFileSync(join(__dirname, '..', 'test-fixtures', 'example-instance.json'), 'utf8'));

/** The example with one change applied to a deep copy. */
function exampleWith(change: (json: any) => void): unknown {
  const copy = structuredClone(example);
  change(copy);
  return copy;
}

function problemWith(json: unknown): string {
  try {
    parseInstance(json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInstanceError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the instance to be rejected');
}

describe('parseInstance', () => {
  it('accepts the example and keeps its values', () => {
    const instance = parseInstance(example);
    expect(instance.applicants).toHaveLength(12);
    expect(instance.units).toHaveLength(6);
    expect(instance.policy).toEqual(example.policy);
    expect(instance.applicants[0]).toEqual(example.applicants[0]);
  });

  it('defaults maxExtraBedrooms to 1 and accepts a null building cap', () => {
    const instance = parseInstance(
      exampleWith((json) => {
        delete json.policy.maxExtraBedrooms;
        json.policy.maxPerBuilding = null;
      }),
    );
    expect(instance.policy.maxExtraBedrooms).toBe(1);
    expect(instance.policy.maxPerBuilding).toBeNull();
  });

  it('accepts a district cap for every district, per district, or none', () => {
    const forAll = parseInstance(exampleWith((json) => (json.policy.maxPerDistrict = 2)));
    expect(forAll.policy.maxPerDistrict).toBe(2);
    const perDistrict = parseInstance(exampleWith((json) => (json.policy.maxPerDistrict = { D5: 1, D11: 0 })));
    expect(perDistrict.policy.maxPerDistrict).toEqual({ D5: 1, D11: 0 });
    expect(parseInstance(exampleWith((json) => (json.policy.maxPerDistrict = null))).policy.maxPerDistrict).toBeNull();
    expect(parseInstance(example).policy.maxPerDistrict).toBeUndefined();
  });

  it('drops attributes the rules do not name', () => {
    const instance = parseInstance(
      exampleWith((json) => {
        json.applicants[0].nationality = 'X';
        json.units[0].religion = 'Y';
        json.policy.note = 'free text';
      }),
    );
    expect(Object.keys(instance.applicants[0])).not.toContain('nationality');
    expect(Object.keys(instance.units[0])).not.toContain('religion');
    expect(Object.keys(instance.policy)).not.toContain('note');
  });

  it.each([
    ['a mistyped field, with its path', (j: any) => (j.applicants[3].maxRent = '820'), 'applicants[3].maxRent must be a number'],
    ['a missing field', (j: any) => delete j.units[2].rent, 'units[2].rent is missing (expected a number)'],
    ['a missing list', (j: any) => delete j.applicants, 'applicants is missing (expected an array)'],
    ['a list of the wrong type', (j: any) => (j.applicants[0].preferredDistricts = 'D6'), 'applicants[0].preferredDistricts must be an array'],
    ['a district that is not a string', (j: any) => (j.applicants[0].preferredDistricts = [6]), 'applicants[0].preferredDistricts[0] must be a string'],
    ['a boolean given as a string', (j: any) => (j.units[1].stepFree = 'yes'), 'units[1].stepFree must be a boolean'],
    ['a negative household size', (j: any) => (j.applicants[1].householdSize = -2), 'applicants[1].householdSize must be >= 0'],
    ['a negative rent', (j: any) => (j.units[0].rent = -1), 'units[0].rent must be >= 0'],
    ['a fractional bedroom count', (j: any) => (j.units[0].bedrooms = 1.5), 'units[0].bedrooms must be a whole number'],
    ['an unknown mode', (j: any) => (j.policy.mode = 'fastest'), 'policy.mode must be one of priority, optimal'],
    ['a missing weight', (j: any) => delete j.policy.weights.fit, 'policy.weights.fit is missing (expected a number)'],
    ['a missing building cap', (j: any) => delete j.policy.maxPerBuilding, 'policy.maxPerBuilding is missing (expected a number or null)'],
    ['an empty id', (j: any) => (j.units[0].id = ''), 'units[0].id must not be empty'],
    ['a duplicate applicant id', (j: any) => (j.applicants[5].id = 'a2'), 'duplicate applicant id "a2" (applicants[1] and applicants[5])'],
    ['a duplicate unit id', (j: any) => (j.units[3].id = 'u1'), 'duplicate unit id "u1" (units[0] and units[3])'],
    ['a negative district cap', (j: any) => (j.policy.maxPerDistrict = -1), 'policy.maxPerDistrict must be >= 0'],
    ['a fractional cap of one district', (j: any) => (j.policy.maxPerDistrict = { D5: 1.5 }), 'policy.maxPerDistrict must be a whole number >= 0'],
    ['a district cap given as text', (j: any) => (j.policy.maxPerDistrict = '2'), 'policy.maxPerDistrict must be a whole number >= 0'],
    [
      'a building whose flats are in two districts',
      (j: any) => (j.units[4].district = 'D5'),
      'building "b1" is in two districts: units[1] ("u2") is in "D11", units[4] ("u5") in "D5"',
    ],
  ])('rejects %s', (_case, change, expected) => {
    expect(problemWith(exampleWith(change))).toContain(expected);
  });

  it('rejects something that is not an instance at all', () => {
    expect(problemWith(42)).toBe('instance must be an object');
    expect(problemWith(null)).toBe('instance must be an object');
  });
});
