import { AssessmentInput, DEFAULT_PRIORITY_POLICY, PriorityPolicy, scorePriority } from './priority-policy';

const noVulnerabilities = { health: false, disability: false, age: false, domesticViolence: false, children: false };

function anAssessment(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return {
    assessedOn: '2027-03-01',
    livingSituation: 'emergency_shelter',
    leavingInstitutionOn: null,
    monthsHomelessLast3Years: 0,
    vulnerabilities: noVulnerabilities,
    ...overrides,
  };
}

const sumOf = (items: { points: number }[]) => Math.round(items.reduce((sum, i) => sum + i.points * 10, 0)) / 10;

describe('priority policy v1', () => {
  const v1 = DEFAULT_PRIORITY_POLICY;

  it('scores a rough sleeper homeless for 18 months with a health vulnerability 66, explained item by item', () => {
    const score = scorePriority(v1, anAssessment({ livingSituation: 'rough_sleeping', monthsHomelessLast3Years: 18, vulnerabilities: { ...noVulnerabilities, health: true } }));

    expect(score).toEqual({
      policyVersion: 1,
      assessmentScore: 66,
      priority: 66,
      breakdown: [
        { factor: 'living_situation', item: 'rough_sleeping', points: 40 },
        { factor: 'months_homeless', item: '18', points: 18 },
        { factor: 'vulnerability', item: 'health', points: 8 },
      ],
    });
  });

  it.each([
    ['rough_sleeping', 40],
    ['emergency_shelter', 30],
    ['leaving_institution', 30],
    ['temporary_accommodation', 20],
    ['overcrowded', 12],
    ['other', 5],
  ] as const)('gives %s %i points', (livingSituation, points) => {
    expect(scorePriority(v1, anAssessment({ livingSituation, leavingInstitutionOn: livingSituation === 'leaving_institution' ? '2027-04-01' : null })).priority).toBe(points);
  });

  it('gives full points for leaving an institution within 90 days of the assessment, half when later', () => {
    const leaving = (on: string) => scorePriority(v1, anAssessment({ livingSituation: 'leaving_institution', leavingInstitutionOn: on })).priority;

    expect(leaving('2027-05-30')).toBe(30); // 90 days
    expect(leaving('2027-05-31')).toBe(15); // 91 days
    expect(leaving('2027-01-15')).toBe(30); // already left
  });

  it('counts one point per month homeless, at most 24', () => {
    const months = (n: number) => scorePriority(v1, anAssessment({ livingSituation: 'other', monthsHomelessLast3Years: n }));

    expect(months(0).breakdown.map((i) => i.factor)).toEqual(['living_situation']);
    expect(months(7).priority).toBe(12);
    expect(months(36).priority).toBe(29);
  });

  it('adds each vulnerability that applies', () => {
    const all = { health: true, disability: true, age: true, domesticViolence: true, children: true };

    const score = scorePriority(v1, anAssessment({ livingSituation: 'temporary_accommodation', vulnerabilities: all }));

    expect(score.priority).toBe(20 + 8 + 8 + 6 + 12 + 6);
    expect(score.breakdown.filter((i) => i.factor === 'vulnerability').map((i) => i.item)).toEqual(['health', 'disability', 'age', 'domesticViolence', 'children']);
  });

  it('caps the assessment at 100 and shows the cap in the breakdown', () => {
    const all = { health: true, disability: true, age: true, domesticViolence: true, children: true };

    const score = scorePriority(v1, anAssessment({ livingSituation: 'rough_sleeping', monthsHomelessLast3Years: 30, vulnerabilities: all }));

    expect(score.assessmentScore).toBe(100);
    expect(score.breakdown).toContainEqual({ factor: 'cap', points: -4 });
    expect(sumOf(score.breakdown)).toBe(100);
  });

  describe('board decisions', () => {
    const base = anAssessment({ livingSituation: 'emergency_shelter', monthsHomelessLast3Years: 10 });

    it('adds the urgent bonus and adjustments on top of the assessment', () => {
      const score = scorePriority(v1, base, { urgent: true, adjustment: -5.5 });

      expect(score.assessmentScore).toBe(40);
      expect(score.priority).toBe(54.5);
      expect(score.breakdown.slice(-2)).toEqual([
        { factor: 'urgent', points: 20 },
        { factor: 'board_adjustment', points: -5.5 },
      ]);
    });

    it('keeps the priority within 0–100, showing the bound in the breakdown', () => {
      const high = scorePriority(v1, base, { urgent: true, adjustment: 50 });
      const low = scorePriority(v1, base, { urgent: false, adjustment: -50 });

      expect(high.priority).toBe(100);
      expect(high.breakdown).toContainEqual({ factor: 'bounds', points: -10 });
      expect(low.priority).toBe(0);
      expect(low.breakdown).toContainEqual({ factor: 'bounds', points: 10 });
    });
  });

  it('always has a breakdown that adds up to the priority, to the tenth', () => {
    const policy: PriorityPolicy = {
      version: 7,
      weights: { ...v1.weights, monthsHomeless: { pointsPerMonth: 0.7, maxPoints: 21.3 }, livingSituation: { ...v1.weights.livingSituation, overcrowded: 11.15 } },
    };
    for (let months = 0; months <= 36; months += 1) {
      for (const adjustment of [-7.3, 0, 2.1]) {
        const score = scorePriority(policy, anAssessment({ livingSituation: 'overcrowded', monthsHomelessLast3Years: months, vulnerabilities: { ...noVulnerabilities, age: months % 2 === 0 } }), { urgent: months % 3 === 0, adjustment });
        expect(sumOf(score.breakdown)).toBe(score.priority);
        expect(score.priority).toBeGreaterThanOrEqual(0);
        expect(score.priority).toBeLessThanOrEqual(100);
        expect(score.policyVersion).toBe(7);
      }
    }
  });

  it('is deterministic and scores by the policy it is given', () => {
    const assessment = anAssessment({ livingSituation: 'rough_sleeping', monthsHomelessLast3Years: 5 });
    const stricter: PriorityPolicy = { version: 2, weights: { ...v1.weights, livingSituation: { ...v1.weights.livingSituation, rough_sleeping: 50 } } };

    expect(scorePriority(v1, assessment)).toEqual(scorePriority(v1, assessment));
    expect(scorePriority(stricter, assessment).priority).toBe(55);
  });
});
