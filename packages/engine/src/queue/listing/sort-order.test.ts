import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortOrder } from './sort-order.js';

/** What the radix sort must agree with: a stable comparator sort of the indices. */
function expected(keys: readonly number[], direction: 'asc' | 'desc'): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return keys.map((_, i) => i).sort((a, b) => sign * (keys[a]! - keys[b]!) || a - b);
}

describe('sortOrder', () => {
  it('orders sizes ascending and descending, ties in index order', () => {
    const keys = new Float64Array([5, 1, 5, 0, 1024 ** 3, 1]);
    expect([...sortOrder(keys, 'asc')]).toEqual([3, 1, 5, 0, 2, 4]);
    expect([...sortOrder(keys, 'desc')]).toEqual([4, 0, 2, 1, 5, 3]);
  });

  it('orders epoch dates that share their high bits', () => {
    const base = 1_767_000_000_000;
    const keys = new Float64Array([base + 30, base, base + 7, base + 7]);
    expect([...sortOrder(keys, 'asc')]).toEqual([1, 2, 3, 0]);
  });

  it('agrees with a stable comparator sort for any non-negative keys', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.nat(),
            fc.integer({ min: 0, max: 10 }),
            fc.double({ min: 0, max: 1e15, noNaN: true }),
          ),
          { maxLength: 300 },
        ),
        fc.constantFrom('asc' as const, 'desc' as const),
        (keys, direction) => {
          expect([...sortOrder(new Float64Array(keys), direction)]).toEqual(
            expected(keys, direction),
          );
        },
      ),
    );
  });

  it('falls back to a comparator sort for negative keys', () => {
    expect([...sortOrder(new Float64Array([3, -1, 2]), 'asc')]).toEqual([1, 2, 0]);
  });
});
