import { describe, expect, it } from 'vitest';
import { RollingWindow } from './rolling-window.js';

describe('RollingWindow', () => {
  it('sums counters over the last five minutes and forgets older buckets', () => {
    const window = new RollingWindow(['count'] as const);
    window.add({ count: 2 }, 0);
    window.add({ count: 3 }, 60_000);
    expect(window.total(60_000).count).toBe(5);
    expect(window.total(5 * 60_000 + 5_000).count).toBe(3);
    expect(window.total(20 * 60_000).count).toBe(0);
  });
});
