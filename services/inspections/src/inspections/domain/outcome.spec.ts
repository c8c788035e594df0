import { Checklist, checklistItemCodes, CURRENT_CHECKLIST } from './checklist';
import { assessChecklist, earlierDeficiencies, RecordedItem, summarizeDeficiencies } from './outcome';
import { Severity } from './repair-deadlines';

const SMALL: Checklist = {
  version: 99,
  title: 'test',
  areas: [
    { code: 'a', label: 'A', items: [{ code: 'a1', label: 'a1' }, { code: 'a2', label: 'a2' }] },
    { code: 'b', label: 'B', items: [{ code: 'b1', label: 'b1' }] },
  ],
};

const pass = (itemCode: string): RecordedItem => ({ itemCode, result: 'pass', severity: null });
const notApplicable = (itemCode: string): RecordedItem => ({ itemCode, result: 'not_applicable', severity: null });
const fail = (itemCode: string, severity: Severity): RecordedItem => ({ itemCode, result: 'fail', severity });

describe('assessChecklist', () => {
  it('passes an inspection where every item passed', () => {
    expect(assessChecklist(SMALL, [pass('a1'), pass('a2'), pass('b1')])).toMatchObject({ complete: true, outcome: 'passed', failures: [] });
  });

  it('counts not applicable as no failure', () => {
    expect(assessChecklist(SMALL, [pass('a1'), notApplicable('a2'), notApplicable('b1')])).toMatchObject({ outcome: 'passed' });
  });

  it('fails an inspection with a single failed item, whatever its severity', () => {
    const assessment = assessChecklist(SMALL, [pass('a1'), pass('a2'), fail('b1', 'low')]);

    expect(assessment).toMatchObject({ complete: true, outcome: 'failed', failures: [{ itemCode: 'b1', severity: 'low' }] });
  });

  it('summarises the deficiencies by severity with the most severe', () => {
    const assessment = assessChecklist(SMALL, [fail('a1', 'moderate'), fail('a2', 'severe'), fail('b1', 'moderate')]);

    expect(assessment).toMatchObject({
      outcome: 'failed',
      summary: { total: 3, bySeverity: { life_threatening: 0, severe: 1, moderate: 2, low: 0 }, mostSevere: 'severe' },
    });
  });

  it('is incomplete while any item is unanswered, listing the missing items in checklist order', () => {
    expect(assessChecklist(SMALL, [pass('a2')])).toEqual({ complete: false, missing: ['a1', 'b1'] });
    expect(assessChecklist(SMALL, [])).toEqual({ complete: false, missing: ['a1', 'a2', 'b1'] });
  });

  it('ignores answers to items the checklist version does not have', () => {
    expect(assessChecklist(SMALL, [pass('a1'), pass('a2'), pass('b1'), fail('zz', 'severe')])).toMatchObject({ outcome: 'passed' });
  });

  it('needs every item of the real checklist answered', () => {
    const codes = checklistItemCodes(CURRENT_CHECKLIST);
    const allButOne = codes.slice(1).map(pass);

    expect(assessChecklist(CURRENT_CHECKLIST, allButOne)).toEqual({ complete: false, missing: [codes[0]] });
    expect(assessChecklist(CURRENT_CHECKLIST, codes.map(pass))).toMatchObject({ complete: true, outcome: 'passed' });
  });
});

describe('summarizeDeficiencies', () => {
  it('summarises nothing as zero with no most severe', () => {
    expect(summarizeDeficiencies([])).toEqual({ total: 0, bySeverity: { life_threatening: 0, severe: 0, moderate: 0, low: 0 }, mostSevere: null });
  });
});

describe('earlierDeficiencies', () => {
  it('lets a pass clear every open deficiency of the unit', () => {
    expect(earlierDeficiencies({ outcome: 'passed', reinspectionOf: null })).toEqual({ resolution: 'cleared', of: 'the_unit' });
    expect(earlierDeficiencies({ outcome: 'passed', reinspectionOf: 'x' })).toEqual({ resolution: 'cleared', of: 'the_unit' });
  });

  it('lets a failed re-inspection take over the deficiencies of the inspection it re-inspects', () => {
    expect(earlierDeficiencies({ outcome: 'failed', reinspectionOf: 'original' })).toEqual({
      resolution: 'superseded',
      of: 'the_reinspected_inspection',
      inspectionId: 'original',
    });
  });

  it('leaves earlier deficiencies alone after a failed first inspection', () => {
    expect(earlierDeficiencies({ outcome: 'failed', reinspectionOf: null })).toBeNull();
  });
});
