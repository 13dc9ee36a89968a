import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, PAGE_SIZE, pageOf, queryOf, withNewer } from './bulletin-query.js';
import type { BulletinView } from './types.js';

const bulletin = (id: number): BulletinView => ({
  id,
  time: id * 1000,
  level: 'WARN',
  componentId: 'p',
  componentName: 'Put',
  componentType: 'PutFile',
  message: `message ${id}`,
});

describe('bulletin board queries', () => {
  it('sends only the parts of the filter that are set, and asks one row more than a page', () => {
    expect(queryOf('f', EMPTY_FILTER)).toEqual({ flowId: 'f', limit: PAGE_SIZE + 1 });
    expect(queryOf('f', { text: '  disk ', minLevel: 'ERROR', componentId: 'p' }, 42)).toEqual({
      flowId: 'f',
      limit: PAGE_SIZE + 1,
      text: 'disk',
      minLevel: 'ERROR',
      componentId: 'p',
      beforeId: 42,
    });
  });

  it('tells from the extra row whether an older page exists', () => {
    const full = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => bulletin(100 - i));
    expect(pageOf(full)).toMatchObject({ more: true });
    expect(pageOf(full).rows).toHaveLength(PAGE_SIZE);
    expect(pageOf(full.slice(0, 3))).toEqual({ rows: full.slice(0, 3), more: false });
  });

  it('puts newer bulletins on top and keeps the older pages', () => {
    const rows = [bulletin(5), bulletin(4)];
    expect(withNewer(rows, [bulletin(7), bulletin(6), bulletin(5)]).map((b) => b.id)).toEqual([
      7, 6, 5, 4,
    ]);
    expect(withNewer(rows, [bulletin(5)])).toBe(rows);
    expect(withNewer([], [bulletin(1)]).map((b) => b.id)).toEqual([1]);
  });
});
