import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocate } from './allocate';
import { verifyCertificate } from './certificate';
import { parseInstance } from './instance';
import { AllocationResult, Instance } from './types';

// The worked example of docs/matching-rules.md#worked-example-district-caps, figures computed by hand there.
const example = parseInstance(
  JSON.parse(readFileSync(join(__dirname, '..', 'test-fixtures', 'district-cap-example.json'), 'utf8')),
);

const pairs = (result: AllocationResult) => result.assignments.map(({ applicantId, unitId }) => [applicantId, unitId]);
const districtOf = (unitId: string) => example.units.find((u) => u.id === unitId)!.district;

describe('the district-cap example of docs/matching-rules.md', () => {
  it('priority mode: h1 -> u1, h2 -> u2 fill D1, h3 takes the D2 flat, h4 gets nothing; total 140', () => {
    const result = allocate(example, 'priority');
    expect(pairs(result)).toEqual([
      ['h1', 'u1'],
      ['h2', 'u2'],
      ['h3', 'u4'],
    ]);
    expect(result.totalScore).toBe(140);
  });

  it('optimal mode: h1 and h2 in D1, h4 -> u4; total 145, certified', () => {
    const result = allocate(example, 'optimal', { certificate: true });
    expect(result.totalScore).toBe(145);
    const byHousehold = new Map(result.assignments.map((a) => [a.applicantId, a.unitId]));
    expect([...byHousehold.keys()]).toEqual(['h1', 'h2', 'h4']);
    expect(districtOf(byHousehold.get('h1')!)).toBe('D1');
    expect(districtOf(byHousehold.get('h2')!)).toBe('D1');
    expect(byHousehold.get('h4')).toBe('u4');
    expect(verifyCertificate(example, result)).toEqual({ valid: true, errors: [] });
    // D2 has no cap, so its value is 0 in any valid certificate.
    expect(result.certificate!.districts!.D2).toBe(0);
  });

  it('the certificate worked out by hand checks out, and proves the priority allocation is not optimal', () => {
    const byHand: AllocationResult = {
      mode: 'optimal',
      assignments: [
        { applicantId: 'h1', unitId: 'u1', score: 60 },
        { applicantId: 'h2', unitId: 'u3', score: 50 },
        { applicantId: 'h4', unitId: 'u4', score: 35 },
      ],
      totalScore: 145,
      certificate: {
        applicants: { h1: 20, h2: 10, h3: 0, h4: 5 },
        units: { u1: 0, u2: 0, u3: 0, u4: 30 },
        buildings: { b1: 0, b2: 0, b3: 0 },
        districts: { D1: 40, D2: 0 },
      },
      stats: { eligiblePairs: 16, ms: 0 },
    };
    expect(verifyCertificate(example, byHand)).toEqual({ valid: true, errors: [] });
    const priority = allocate(example, 'priority');
    expect(verifyCertificate(example, { ...priority, certificate: byHand.certificate }).valid).toBe(false);
  });

  it('without the district cap, all three D1 households live in D1: total 185', () => {
    const uncapped: Instance = { ...example, policy: { ...example.policy, maxPerDistrict: null } };
    expect(allocate(uncapped, 'optimal').totalScore).toBe(185);
  });
});
