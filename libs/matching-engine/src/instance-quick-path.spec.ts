import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptValidRowsQuickly, parseWithSchema } from './instance';

const example = JSON.parse(readFileSync(join(__dirname, '..', 'test-fixtures', 'example-instance.json'), 'utf8'));

/** A field's value: mostly one the schema accepts, sometimes one it refuses (or none at all). */
const oneOf = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, '', 'x', -1, 1.5, Number.MAX_SAFE_INTEGER + 2, true, [], {}, ['a', 1]) },
  );
const id = oneOf(fc.string({ minLength: 1, maxLength: 4 }));
const count = oneOf(fc.nat(8));
const amount = oneOf(fc.oneof(fc.nat(2000), fc.double({ min: 0, max: 2000, noNaN: true })));
const flag = oneOf(fc.boolean());
const districts = oneOf(fc.array(fc.constantFrom('N', 'S', 'E'), { maxLength: 3 }));
const extra = fc.dictionary(fc.constantFrom('note', 'name', 'colour'), fc.jsonValue(), { maxKeys: 2 });

const applicant = fc
  .tuple(
    fc.record({
      id,
      householdSize: count,
      bedroomsNeeded: count,
      maxRent: amount,
      wheelchair: flag,
      stepFree: flag,
      pets: flag,
      excludedDistricts: districts,
      preferredDistricts: districts,
      priority: oneOf(fc.double({ min: -100, max: 100, noNaN: true })),
      waitingDays: amount,
    }),
    extra,
  )
  .map(([fields, more]) => withoutMissing({ ...more, ...fields }));
const unit = fc
  .tuple(
    fc.record({
      id,
      buildingId: id,
      district: oneOf(fc.constantFrom('N', 'S', '')),
      bedrooms: count,
      maxOccupants: count,
      rent: amount,
      wheelchairAccessible: flag,
      stepFree: flag,
      petsAllowed: flag,
    }),
    extra,
  )
  .map(([fields, more]) => withoutMissing({ ...more, ...fields }));

/** A drawn `undefined` stands for a field left out. */
function withoutMissing(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

function schemaAnswer(json: unknown) {
  try {
    return parseWithSchema(json);
  } catch {
    return null;
  }
}

describe('the quick path for valid rows', () => {
  it('gives exactly what the schema gives, and nothing where the schema refuses (property)', () => {
    let acceptedBoth = 0;
    fc.assert(
      fc.property(fc.array(applicant, { maxLength: 6 }), fc.array(unit, { maxLength: 4 }), fc.boolean(), (applicants, units, withExclusions) => {
        const json = { ...example, applicants, units, ...(withExclusions ? { excludedPairs: [{ applicantId: 'a1', unitId: 'u1' }] } : {}) };
        const expected = schemaAnswer(json);
        const quick = acceptValidRowsQuickly(json);
        expect(quick).toStrictEqual(expected);
        if (quick) acceptedBoth += 1;
      }),
      { numRuns: 2000 },
    );
    // Both kinds of input were drawn: rows all valid as well as rows with a fault.
    expect(acceptedBoth).toBeGreaterThan(100);
    expect(acceptedBoth).toBeLessThan(1900);
  });

  it('takes the example as the schema does', () => {
    expect(acceptValidRowsQuickly(example)).toStrictEqual(parseWithSchema(example));
  });

  it('leaves a malformed policy or a top level that is not an instance to the schema', () => {
    expect(acceptValidRowsQuickly({ ...example, policy: { ...example.policy, mode: 'lottery' } })).toBeNull();
    expect(acceptValidRowsQuickly([])).toBeNull();
    expect(acceptValidRowsQuickly({ ...example, units: 'none' })).toBeNull();
  });
});
