import { BedroomRule, bedroomsByRule } from './bedroom-rule';

const rule: BedroomRule = { singleOrCouple: 1, ownRoomFromAge: 16, childrenPerRoom: 2 };

const household = (adults: number, couples: number, childrenAges: number[] = []) => ({ adults, couples, childrenAges });

describe('bedroom rule', () => {
  it.each([
    ['a single adult', household(1, 0), 1],
    ['a couple', household(2, 1), 1],
    ['two adults who are not a couple', household(2, 0), 2],
    ['a couple with a baby', household(2, 1, [0]), 2],
    ['a couple with two young children, who share', household(2, 1, [3, 7]), 2],
    ['a couple with three young children', household(2, 1, [1, 4, 9]), 3],
    ['a single parent with a 16-year-old, who has their own room', household(1, 0, [16]), 2],
    ['a single parent with a teenager and two toddlers', household(1, 0, [17, 2, 3]), 3],
    ['three generations: a couple, a grandparent and a child', household(3, 1, [8]), 3],
  ])('gives %s the right number of bedrooms', (_case, composition, bedrooms) => {
    expect(bedroomsByRule(rule, composition)).toBe(bedrooms);
  });

  it('lets single people and couples be matched with studios when configured with 0', () => {
    const studios = { ...rule, singleOrCouple: 0 };

    expect(bedroomsByRule(studios, household(1, 0))).toBe(0);
    expect(bedroomsByRule(studios, household(2, 1))).toBe(0);
    expect(bedroomsByRule(studios, household(2, 0))).toBe(2);
    expect(bedroomsByRule(studios, household(1, 0, [2]))).toBe(2);
  });

  it('follows the configured sharing age and room size', () => {
    const children = household(2, 1, [10, 12, 13]);

    expect(bedroomsByRule(rule, children)).toBe(3);
    expect(bedroomsByRule({ ...rule, ownRoomFromAge: 10 }, children)).toBe(4);
    expect(bedroomsByRule({ ...rule, childrenPerRoom: 3 }, children)).toBe(2);
  });

  it('never needs fewer bedrooms when someone joins the household', () => {
    for (let adults = 1; adults <= 4; adults += 1) {
      for (let couples = 0; couples * 2 <= adults; couples += 1) {
        const base = household(adults, couples, [5]);
        expect(bedroomsByRule(rule, { ...base, childrenAges: [5, 17] })).toBeGreaterThanOrEqual(bedroomsByRule(rule, base));
        expect(bedroomsByRule(rule, { ...base, adults: adults + 1 })).toBeGreaterThanOrEqual(bedroomsByRule(rule, base));
      }
    }
  });
});
