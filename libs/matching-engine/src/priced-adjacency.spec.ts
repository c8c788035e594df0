import fc from 'fast-check';
import { PricedAdjacency } from './priced-adjacency';

describe('PricedAdjacency', () => {
  it('keeps keys non-decreasing and at most price - score, before and after prices rise', () => {
    const entries = fc.array(fc.record({ unit: fc.integer({ min: 0, max: 9 }), score: fc.double({ min: -50, max: 150, noNaN: true }) }), {
      minLength: 1,
      maxLength: 300,
    });
    const potentials = fc.array(fc.double({ min: -100, max: 0, noNaN: true }), { minLength: 10, maxLength: 10 });
    const rises = fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(entries, potentials, rises, (list, start, rise) => {
        const potential = Float64Array.from(start);
        const adjacency = new PricedAdjacency(
          Int32Array.from(list, (e) => e.unit),
          Float64Array.from(list, (e) => e.score),
          list.length,
          potential,
        );
        const check = () => {
          const { units, scores, keys } = adjacency;
          for (let k = 0; k < units.length; k++) {
            expect(keys[k]).toBeLessThanOrEqual(-potential[units[k]] - scores[k]);
            if (k > 0) expect(keys[k]).toBeGreaterThanOrEqual(keys[k - 1]);
          }
          expect([...units].sort()).toEqual(list.map((e) => e.unit).sort());
        };
        check();
        rise.forEach((r, u) => (potential[u] -= r)); // prices only rise
        check();
        adjacency.reprice(potential);
        check();
      }),
      { numRuns: 200 },
    );
  });
});
