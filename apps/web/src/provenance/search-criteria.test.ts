import { describe, expect, it } from 'vitest';
import { NO_CRITERIA, SEARCH_LIMIT, searchInputOf } from './search-criteria.js';

describe('searchInputOf', () => {
  it('asks for the newest events when nothing is filled in', () => {
    expect(searchInputOf('f', NO_CRITERIA)).toEqual({
      ok: true,
      input: { flowId: 'f', limit: SEARCH_LIMIT },
    });
  });

  it('sends every filled field, the type as a list and times as epoch millis', () => {
    // given
    const criteria = {
      componentId: 'p1',
      flowFileId: '  ff-1 ',
      filename: 'orders',
      from: '2026-05-01T14:03',
      to: '2026-05-01T14:05',
      type: 'SEND' as const,
    };

    // when
    const result = searchInputOf('f', criteria);

    // then the To minute is included whole
    expect(result).toEqual({
      ok: true,
      input: {
        flowId: 'f',
        limit: SEARCH_LIMIT,
        componentId: 'p1',
        flowFileId: 'ff-1',
        filename: 'orders',
        types: ['SEND'],
        from: new Date('2026-05-01T14:03').getTime(),
        to: new Date('2026-05-01T14:05').getTime() + 59_999,
      },
    });
  });

  it('refuses a time range that ends before it starts, or a date it cannot read', () => {
    expect(
      searchInputOf('f', { ...NO_CRITERIA, from: '2026-05-02T00:00', to: '2026-05-01T00:00' }),
    ).toEqual({ ok: false, problem: 'From is after To: no event can match' });
    expect(searchInputOf('f', { ...NO_CRITERIA, from: 'yesterday' })).toEqual({
      ok: false,
      problem: "'yesterday' is not a date and time",
    });
  });
});
