import { describe, expect, it } from 'vitest';
import { processor } from '../testing/fixtures.js';
import { reconcileById } from './reconcile.js';

describe('reconcileById', () => {
  it('keeps the objects of unchanged entries and the list itself when nothing changed', () => {
    const a = processor('a');
    const b = processor('b');
    const same = reconcileById([a, b], [processor('a'), processor('b')]);
    expect(same).toEqual([a, b]);
    expect(same[0]).toBe(a);

    const changed = reconcileById([a, b], [processor('a'), processor('b', { name: 'B' })]);
    expect(changed[0]).toBe(a);
    expect(changed[1]).not.toBe(b);
    const previous = [a, b];
    expect(reconcileById(previous, [processor('a'), processor('b')])).toBe(previous);
  });
});
