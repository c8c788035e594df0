import { allocate, parseInstance } from '@hearth/matching-engine';
import { Candidate } from '../../household-pool/candidate-pool';
import { buildRunSnapshot } from './run-snapshot';
import { RunPolicy } from './run-policy';

const POLICY: RunPolicy = { weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 }, maxPerBuilding: 2, maxExtraBedrooms: 1 };

function aCandidate(householdId: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    householdId,
    reference: `HX-${householdId.slice(0, 4).toUpperCase().replace(/[^2-9A-HJKMNP-Z]/g, 'Q')}`,
    householdSize: 2,
    bedroomsNeeded: 1,
    maxRent: 800,
    wheelchair: false,
    stepFree: false,
    pets: false,
    excludedDistricts: [],
    preferredDistricts: ['D1'],
    priority: 50,
    waitingSince: '2026-01-01',
    ...overrides,
  };
}

const aUnit = (id: string, district = 'D1') => ({
  id,
  buildingId: `b-${id}`,
  district,
  bedrooms: 1,
  maxOccupants: 2,
  rent: 700,
  wheelchairAccessible: false,
  stepFree: false,
  petsAllowed: false,
});

describe('run snapshot', () => {
  it('counts waiting days to the run date and keeps only what the engine reads', () => {
    const snapshot = buildRunSnapshot('optimal', POLICY, [aCandidate('h-1', { waitingSince: '2026-01-01' })], [aUnit('u-1')], '2026-03-02');

    expect(snapshot.instance.applicants).toEqual([
      {
        id: 'h-1',
        householdSize: 2,
        bedroomsNeeded: 1,
        maxRent: 800,
        wheelchair: false,
        stepFree: false,
        pets: false,
        excludedDistricts: [],
        preferredDistricts: ['D1'],
        priority: 50,
        waitingDays: 60,
      },
    ]);
    expect(snapshot.runDate).toBe('2026-03-02');
  });

  it('keeps who each applicant is as a separate map of pseudonymous references', () => {
    const snapshot = buildRunSnapshot('priority', POLICY, [aCandidate('h-1', { reference: 'HX-AAAA' }), aCandidate('h-2', { reference: 'HX-BBBB' })], [], '2026-03-02');

    expect(snapshot.householdReferences).toEqual({ 'h-1': 'HX-AAAA', 'h-2': 'HX-BBBB' });
    expect(JSON.stringify(snapshot.instance)).not.toContain('HX-');
  });

  it('orders applicants and units by id, so the same pool gives the same instance whatever order it was read in', () => {
    const candidates = [aCandidate('h-3'), aCandidate('h-1'), aCandidate('h-2')];
    const units = [aUnit('u-2'), aUnit('u-1')];

    const one = buildRunSnapshot('optimal', POLICY, candidates, units, '2026-03-02');
    const other = buildRunSnapshot('optimal', POLICY, [...candidates].reverse(), [...units].reverse(), '2026-03-02');

    expect(one.instance.applicants.map((a) => a.id)).toEqual(['h-1', 'h-2', 'h-3']);
    expect(one.instance.units.map((u) => u.id)).toEqual(['u-1', 'u-2']);
    expect(JSON.stringify(one.instance)).toBe(JSON.stringify(other.instance));
  });

  it('stores the mode and the run’s policy, and round-trips through JSON as a valid engine instance', () => {
    const snapshot = buildRunSnapshot('priority', { ...POLICY, maxPerBuilding: null }, [aCandidate('h-1')], [aUnit('u-1')], '2026-03-02');

    const reread = parseInstance(JSON.parse(JSON.stringify(snapshot.instance)));

    expect(reread).toEqual(snapshot.instance);
    expect(reread.policy).toEqual({ mode: 'priority', weights: POLICY.weights, maxPerBuilding: null, maxExtraBedrooms: 1 });
    expect(allocate(reread, 'priority').assignments).toEqual([{ applicantId: 'h-1', unitId: 'u-1', score: 50 + (0.5 * 60) / 30 + 8 + 4 }]);
  });

  it('never counts negative waiting time for a household registered after the run date', () => {
    const snapshot = buildRunSnapshot('optimal', POLICY, [aCandidate('h-1', { waitingSince: '2026-04-01' })], [], '2026-03-02');

    expect(snapshot.instance.applicants[0].waitingDays).toBe(0);
  });
});
