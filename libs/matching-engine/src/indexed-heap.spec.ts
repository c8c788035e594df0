import fc from 'fast-check';
import { IndexedMinHeap } from './indexed-heap';

describe('IndexedMinHeap', () => {
  it('pops by key, equal keys last-in first-out, after any inserts and decreases', () => {
    const operations = fc.array(fc.record({ node: fc.integer({ min: 0, max: 19 }), key: fc.integer({ min: 0, max: 5 }) }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(operations, (ops) => {
        const keys = new Float64Array(20);
        const heap = new IndexedMinHeap(20, keys);
        const lastSet = new Map<number, number>();
        ops.forEach(({ node, key }, time) => {
          if (heap.contains(node) && key >= keys[node]) return; // only decrease-key, as Dijkstra does
          keys[node] = key;
          heap.upsert(node);
          lastSet.set(node, time);
        });
        const expected = [...lastSet.keys()].sort((x, y) => keys[x] - keys[y] || lastSet.get(y)! - lastSet.get(x)!);
        const popped: number[] = [];
        while (heap.size > 0) popped.push(heap.pop());
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('is empty and reusable after clear', () => {
    const keys = Float64Array.from([3, 1, 2]);
    const heap = new IndexedMinHeap(3, keys);
    [0, 1, 2].forEach((node) => heap.upsert(node));
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.contains(1)).toBe(false);
    heap.upsert(2);
    expect(heap.pop()).toBe(2);
  });
});
