/**
 * Binary min-heap of node ids keyed by a caller-owned Float64Array, with decrease-key.
 * Equal keys pop last-in first-out: on the zero-cost plateaus of an assignment problem this
 * makes Dijkstra dig towards a free slot instead of sweeping the whole plateau breadth-first.
 * clear() is O(size), so one heap serves many Dijkstra runs without reallocating.
 */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  /** Position of each node in the heap, or -1. */
  private readonly position: Int32Array;
  /** When each node's key was last set; among equal keys the latest wins. */
  private readonly stamp: Float64Array;
  private clock = 0;
  private length = 0;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
    this.stamp = new Float64Array(capacity);
  }

  get size(): number {
    return this.length;
  }

  contains(node: number): boolean {
    return this.position[node] >= 0;
  }

  /** Inserts the node, or moves it up after its key decreased. */
  upsert(node: number): void {
    this.stamp[node] = ++this.clock;
    const at = this.position[node];
    if (at >= 0) {
      this.siftUp(at);
      return;
    }
    this.heap[this.length] = node;
    this.position[node] = this.length;
    this.length++;
    this.siftUp(this.length - 1);
  }

  pop(): number {
    const top = this.heap[0];
    this.position[top] = -1;
    this.length--;
    if (this.length > 0) {
      const last = this.heap[this.length];
      this.heap[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.length; i++) this.position[this.heap[i]] = -1;
    this.length = 0;
  }

  /** Whether node x pops before node y. */
  private before(x: number, y: number): boolean {
    const kx = this.keys[x];
    const ky = this.keys[y];
    return kx < ky || (kx === ky && this.stamp[x] > this.stamp[y]);
  }

  private siftUp(index: number): void {
    const { heap, position, keys, stamp } = this;
    const node = heap[index];
    const key = keys[node];
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentNode = heap[parent];
      const parentKey = keys[parentNode];
      if (parentKey < key || (parentKey === key && stamp[parentNode] > stamp[node])) break;
      heap[i] = parentNode;
      position[parentNode] = i;
      i = parent;
    }
    heap[i] = node;
    position[node] = i;
  }

  private siftDown(index: number): void {
    const { heap, position, length } = this;
    const node = heap[index];
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.before(heap[right], heap[left]) ? right : left;
      if (!this.before(heap[child], node)) break;
      heap[i] = heap[child];
      position[heap[i]] = i;
      i = child;
    }
    heap[i] = node;
    position[node] = i;
  }
}
