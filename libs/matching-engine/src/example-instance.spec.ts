import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocate } from './allocate';
import { verifyCertificate } from './certificate';
import { isEligible } from './eligibility';
import { parseInstance } from './instance';

// The worked example of docs/matching-rules.md#worked-example.
const example = parseInstance(
  JSON.parse(readFileSync(join(__dirname, '..', 'test-fixtures', 'example-instance.json'), 'utf8')),
);

describe('the example instance of docs/matching-rules.md', () => {
  it('priority mode assigns a12 -> u1 and a1 -> u4, total 170.45', () => {
    const result = allocate(example, 'priority');
    expect(result.assignments.map(({ applicantId, unitId }) => [applicantId, unitId])).toEqual([
      ['a1', 'u4'],
      ['a12', 'u1'],
    ]);
    expect(result.totalScore).toBeCloseTo(170.45, 9);
  });

  it('optimal mode reaches 179.41666... with a10 -> u3 and a12 in building b1', () => {
    const result = allocate(example, 'optimal', { certificate: true });
    expect(result.totalScore).toBeCloseTo(179 + 5 / 12, 9);
    const byApplicant = new Map(result.assignments.map((a) => [a.applicantId, a]));
    expect(result.assignments).toHaveLength(2);
    expect(byApplicant.get('a10')).toMatchObject({ unitId: 'u3', score: 86.5 });
    // u5 and u2 score the same for a12: both are optimal.
    expect(['u5', 'u2']).toContain(byApplicant.get('a12')?.unitId);
    expect(byApplicant.get('a12')?.score).toBeCloseTo(92.916666666, 8);
    expect(verifyCertificate(example, result)).toEqual({ valid: true, errors: [] });
  });

  it('counts the same eligible pairs in both modes as a pair-by-pair check', () => {
    const pairByPair = example.applicants.flatMap((a) => example.units.filter((u) => isEligible(a, u, example.policy)));
    expect(pairByPair).toHaveLength(22);
    expect(allocate(example, 'optimal').stats.eligiblePairs).toBe(22);
    expect(allocate(example, 'priority').stats.eligiblePairs).toBe(22);
  });

  it('the priority allocation is not optimal: its total is below the certified optimum', () => {
    const optimal = allocate(example, 'optimal', { certificate: true });
    const priority = allocate(example, 'priority');
    expect(priority.totalScore).toBeLessThan(optimal.totalScore);
    expect(verifyCertificate(example, { ...priority, certificate: optimal.certificate }).valid).toBe(false);
  });
});
