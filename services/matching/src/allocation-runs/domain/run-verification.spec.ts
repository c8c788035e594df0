import { allocate, Instance, priorityFrontier } from '@hearth/matching-engine';
import { verifyRun } from './run-verification';

/** Two buildings, a cap of one per building, three households competing for three units. */
const instance: Instance = {
  policy: { mode: 'optimal', weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 }, maxPerBuilding: 1, maxExtraBedrooms: 1 },
  applicants: [
    { id: 'a1', householdSize: 2, bedroomsNeeded: 1, maxRent: 800, wheelchair: false, stepFree: false, pets: false, excludedDistricts: [], preferredDistricts: ['D1'], priority: 80, waitingDays: 300 },
    { id: 'a2', householdSize: 3, bedroomsNeeded: 2, maxRent: 900, wheelchair: false, stepFree: false, pets: false, excludedDistricts: [], preferredDistricts: [], priority: 60, waitingDays: 900 },
    { id: 'a3', householdSize: 1, bedroomsNeeded: 1, maxRent: 700, wheelchair: false, stepFree: false, pets: false, excludedDistricts: ['D2'], preferredDistricts: [], priority: 40, waitingDays: 100 },
  ],
  units: [
    { id: 'u1', buildingId: 'b1', district: 'D1', bedrooms: 1, maxOccupants: 2, rent: 650, wheelchairAccessible: false, stepFree: false, petsAllowed: false },
    { id: 'u2', buildingId: 'b1', district: 'D1', bedrooms: 2, maxOccupants: 4, rent: 780, wheelchairAccessible: false, stepFree: false, petsAllowed: false },
    { id: 'u3', buildingId: 'b2', district: 'D2', bedrooms: 2, maxOccupants: 4, rent: 760, wheelchairAccessible: false, stepFree: false, petsAllowed: false },
  ],
};
const json = () => JSON.parse(JSON.stringify(instance));

describe('verifying a stored run', () => {
  it('accepts an optimal result with its certificate', () => {
    const result = allocate(instance, 'optimal', { certificate: true });

    expect(verifyRun(json(), result)).toMatchObject({ valid: true, errors: [] });
  });

  it('finds a tampered optimal result: a lower total with the same certificate', () => {
    const result = allocate(instance, 'optimal', { certificate: true });
    const tampered = { ...result, assignments: result.assignments.slice(1), totalScore: result.totalScore - result.assignments[0].score };

    const verification = verifyRun(json(), tampered);

    expect(verification.valid).toBe(false);
    expect(verification.errors.join(' ')).toMatch(/dual objective/);
  });

  it('checks a stored frontier point by point, and finds a tampered one', () => {
    const result = allocate(instance, 'optimal', { certificate: true });
    const frontier = priorityFrontier(instance);

    expect(verifyRun(json(), result, frontier)).toMatchObject({ valid: true, errors: [] });
    const [first, ...rest] = frontier.points;
    const inflated = { ...frontier, points: [{ ...first, totalScore: first.totalScore + 1 }, ...rest] };
    expect(verifyRun(json(), result, inflated).errors.join(' ')).toMatch(/frontier point 1: total score/);
    const cheaper = { ...frontier, points: [{ ...first, objective: first.objective + 1 }, ...rest] };
    expect(verifyRun(json(), result, cheaper).errors.join(' ')).toMatch(/frontier point 1: .*dual objective/);
  });

  it('refuses an optimal result without a certificate', () => {
    const { certificate: _certificate, ...withoutCertificate } = allocate(instance, 'optimal', { certificate: true });

    expect(verifyRun(json(), withoutCertificate)).toMatchObject({ valid: false, errors: ['no certificate'] });
  });

  it('recomputes a priority result and accepts it when it matches', () => {
    const result = allocate(instance, 'priority');

    expect(verifyRun(json(), result)).toMatchObject({ valid: true, errors: [] });
  });

  it('names the pair where a stored priority result departs from the recomputed one', () => {
    const result = allocate(instance, 'priority');
    const [first, ...rest] = result.assignments;
    const swapped = { ...result, assignments: [{ ...first, unitId: 'u9' }, ...rest] };

    const verification = verifyRun(json(), swapped);

    expect(verification.valid).toBe(false);
    expect(verification.errors).toContain(`${first.applicantId} got u9, the recomputed allocation gives ${first.unitId}`);
  });

  it('reports a stored instance the engine cannot read', () => {
    const broken = { ...json(), units: [{ id: 'u1' }] };

    expect(verifyRun(broken, allocate(instance, 'priority'))).toMatchObject({ valid: false, errors: [expect.stringMatching(/units\[0\]/)] });
  });
});
