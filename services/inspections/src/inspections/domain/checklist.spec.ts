import { checklistItemCodes, checklistVersion, CURRENT_CHECKLIST, findChecklistItem } from './checklist';

/** The areas the issue requires the habitability checklist to cover, at the least. */
const REQUIRED_AREAS = [
  'structure_weatherproofing',
  'damp_mould',
  'electrical_safety',
  'gas_safety',
  'heating',
  'water',
  'kitchen',
  'bathroom_wc',
  'ventilation',
  'natural_light',
  'smoke_alarms',
  'carbon_monoxide_alarm',
  'windows',
  'doors_security',
  'floor_area',
  'pests',
];

describe('habitability checklist', () => {
  it('is version 1 and covers every required area with at least one item', () => {
    expect(CURRENT_CHECKLIST.version).toBe(1);
    const areas = CURRENT_CHECKLIST.areas.map((area) => area.code);
    expect(areas).toEqual(expect.arrayContaining(REQUIRED_AREAS));
    expect(CURRENT_CHECKLIST.areas.every((area) => area.items.length > 0)).toBe(true);
  });

  it('gives every item a code that is unique across areas and safe in a URL', () => {
    const codes = checklistItemCodes(CURRENT_CHECKLIST);

    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^[a-z0-9_]+$/.test(code))).toBe(true);
  });

  it('finds an item with its area, and nothing for an unknown code', () => {
    expect(findChecklistItem(CURRENT_CHECKLIST, 'no_mould_growth')).toMatchObject({ area: { code: 'damp_mould' }, item: { code: 'no_mould_growth' } });
    expect(findChecklistItem(CURRENT_CHECKLIST, 'swimming_pool')).toBeUndefined();
  });

  it('looks up a version and refuses one that does not exist', () => {
    expect(checklistVersion(1)).toBe(CURRENT_CHECKLIST);
    expect(() => checklistVersion(7)).toThrow('Unknown checklist version 7');
  });
});
