import { describe, expect, it } from 'vitest';
import { countChanges, fieldChangeText, sideLabel } from './diff-summary.js';
import type { ComponentDiffView } from './types.js';

const component = (change: ComponentDiffView['change']): ComponentDiffView => ({
  change,
  kind: 'processor',
  id: change,
  name: change,
  fields: [],
  sketch: { type: 'LogAttribute', position: { x: 0, y: 0 } },
});

describe('diff summary', () => {
  it('counts components by change', () => {
    expect(countChanges([component('added'), component('changed'), component('added')])).toEqual({
      added: 2,
      removed: 0,
      changed: 1,
    });
  });

  it('names a side by its short hash and first line, or as the working copy', () => {
    expect(sideLabel({ kind: 'working' })).toBe('the working copy');
    expect(
      sideLabel({
        kind: 'commit',
        version: {
          hash: 'a1b2c3d4e5',
          shortHash: 'a1b2c3d4',
          message: 'v1\n\nbody',
          author: { name: 'Ada', email: 'ada@example.com' },
          date: '2026-11-26T12:00:00Z',
        },
      }),
    ).toBe('a1b2c3d4 “v1”');
  });

  it('words a field change, never guessing a hidden value', () => {
    const base = { category: 'property', field: 'Search Value' } as const;
    expect(fieldChangeText({ ...base, before: '(.*)', after: 'x' })).toBe('(.*) → x');
    expect(fieldChangeText({ ...base, before: null, after: 'x' })).toBe('set to x');
    expect(fieldChangeText({ ...base, before: '', after: null })).toBe('removed (was (empty))');
    expect(fieldChangeText({ ...base, before: 'set', after: 'set', hidden: true })).toBe(
      'changed (value hidden)',
    );
  });
});
