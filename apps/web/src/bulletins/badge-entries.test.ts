import { describe, expect, it } from 'vitest';
import { badgesFromSnapshot, badgesWithDelta } from './badge-entries.js';
import type { BulletinBadgeView } from './types.js';

const badge = (componentId: string, count: number): BulletinBadgeView => ({
  componentId,
  count,
  level: 'WARN',
  latest: [`message ${count}`],
});

describe('badge entries', () => {
  it('keys a snapshot by component and keeps unchanged badges and records', () => {
    const first = badgesFromSnapshot({}, { lastId: 3, components: [badge('a', 1), badge('b', 2)] });
    expect(first['b']?.count).toBe(2);
    const again = badgesFromSnapshot(first, {
      lastId: 3,
      components: [badge('a', 1), badge('b', 2)],
    });
    expect(again).toBe(first);
    const changed = badgesFromSnapshot(first, {
      lastId: 4,
      components: [badge('a', 1), badge('b', 3)],
    });
    expect(changed['a']).toBe(first['a']);
    expect(changed['b']?.count).toBe(3);
    expect(badgesFromSnapshot(first, undefined)).toEqual({});
  });

  it('applies a delta: changed badges replaced, aged-out ones dropped, none means no change', () => {
    const entries = badgesFromSnapshot(
      {},
      { lastId: 2, components: [badge('a', 1), badge('b', 1)] },
    );
    expect(badgesWithDelta(entries, undefined)).toBe(entries);
    const next = badgesWithDelta(entries, { lastId: 3, changed: [badge('a', 2)], removed: ['b'] });
    expect(next).toEqual({ a: badge('a', 2) });
    expect(badgesWithDelta(next, { lastId: 3, changed: [], removed: ['ghost'] })).toBe(next);
  });
});
