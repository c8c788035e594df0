import { districtReport } from './district-report';

const unit = (id: string, district: string) => ({
  id,
  buildingId: `b-${id}`,
  district,
  bedrooms: 1,
  maxOccupants: 2,
  rent: 600,
  wheelchairAccessible: false,
  stepFree: false,
  petsAllowed: false,
});

const units = [unit('u1', 'D1'), unit('u2', 'D1'), unit('u3', 'D1'), unit('u4', 'D2')];
const assignments = [
  { applicantId: 'a1', unitId: 'u1', score: 80 },
  { applicantId: 'a2', unitId: 'u2', score: 95 },
  { applicantId: 'a3', unitId: 'u3', score: 70 },
  { applicantId: 'a4', unitId: 'u4', score: 60 },
];

describe('district report (the soft limit)', () => {
  it('counts proposals per district and flags the lowest-scoring ones beyond the limit', () => {
    const report = districtReport(assignments, units, 1);

    expect(report.districts).toEqual([
      { district: 'D1', proposals: 3, overLimitBy: 2 },
      { district: 'D2', proposals: 1, overLimitBy: 0 },
    ]);
    expect(report.flaggedUnitIds).toEqual(['u1', 'u3']);
  });

  it('flags nothing without a limit, or within it', () => {
    expect(districtReport(assignments, units, null).flaggedUnitIds).toEqual([]);
    expect(districtReport(assignments, units, 3)).toMatchObject({ limit: 3, flaggedUnitIds: [] });
  });

  it('breaks ties in score by unit id', () => {
    const tied = [
      { applicantId: 'a1', unitId: 'u2', score: 50 },
      { applicantId: 'a2', unitId: 'u1', score: 50 },
    ];

    expect(districtReport(tied, units, 1).flaggedUnitIds).toEqual(['u2']);
  });

  it('refuses an assignment to a unit outside the run', () => {
    expect(() => districtReport([{ applicantId: 'a1', unitId: 'u9', score: 1 }], units, 1)).toThrow(/u9/);
  });
});
