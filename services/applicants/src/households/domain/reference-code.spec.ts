import { allocateReference, parseReference, randomReference, REFERENCE_ALPHABET, REFERENCE_PATTERN } from './reference-code';

/** A deterministic byte source cycling through the given values. */
function bytes(values: number[]) {
  let i = 0;
  return (size: number) => Buffer.from(Array.from({ length: size }, () => values[i++ % values.length]));
}

describe('household reference codes', () => {
  it('look like HX-7Q2K: a prefix and four symbols of the unambiguous alphabet', () => {
    for (let i = 0; i < 1000; i += 1) expect(randomReference()).toMatch(REFERENCE_PATTERN);
    expect(randomReference(6)).toMatch(/^HX-.{6}$/);
  });

  it('never use the look-alikes 0, O, 1, I or L', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(31);
    expect(REFERENCE_ALPHABET).not.toMatch(/[0O1IL]/);
    const symbols = new Set(Array.from({ length: 2000 }, () => randomReference().slice(3)).join(''));
    for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(symbols.has(lookAlike)).toBe(false);
  });

  it('use every symbol about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 31_000 / 4; i += 1) for (const c of randomReference().slice(3)) counts.set(c, (counts.get(c) ?? 0) + 1);

    expect(counts.size).toBe(31);
    for (const n of counts.values()) expect(n).toBeGreaterThan(700);
  });

  it('discard the bytes that would bias the draw', () => {
    // 248..255 are skipped; 0 → '2', 30 → 'Z', 31 → '2' again.
    expect(randomReference(4, bytes([255, 248, 0, 30, 31, 1]))).toBe('HX-2Z23');
  });

  it('parse what people type, case-insensitively, and reject anything else', () => {
    expect(parseReference(' hx-7q2k ')).toBe('HX-7Q2K');
    expect(parseReference('HX-7Q2')).toBeNull();
    expect(parseReference('HX-7O2K')).toBeNull();
    expect(parseReference('7Q2K')).toBeNull();
  });

  describe('allocation', () => {
    it('takes the first free candidate', async () => {
      const reference = await allocateReference(async () => []);

      expect(reference).toMatch(REFERENCE_PATTERN);
    });

    it('retries when every candidate is taken, and grows the code when the short space is crowded', async () => {
      const asked: string[][] = [];
      const reference = await allocateReference(async (candidates) => {
        asked.push(candidates);
        return candidates.every((c) => c.length === 7) ? candidates : [];
      });

      expect(asked).toHaveLength(4);
      expect(reference).toMatch(/^HX-.{5}$/);
    });

    it('gives up with an error rather than looping forever', async () => {
      await expect(allocateReference(async (candidates) => candidates)).rejects.toThrow('No free household reference found');
    });
  });
});
