import type { ProvenanceEvent } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { attributeChanges, rowOf } from './event-view.js';

const base: ProvenanceEvent = {
  eventId: 9,
  type: 'ATTRIBUTES_MODIFIED',
  time: 1000,
  flowFileId: 'f',
  componentId: 'upd',
  componentType: 'UpdateAttribute',
  attributes: { filename: 'a.txt', added: 'yes', same: '1' },
  previousAttributes: { filename: 'old.txt', removed: 'x', same: '1' },
  size: 3,
  contentClaim: null,
  lineageStartDate: 900,
};

describe('event view', () => {
  it('lists every attribute before and after, sorted, marking what changed', () => {
    expect(attributeChanges(base)).toEqual([
      { key: 'added', before: null, after: 'yes', changed: true },
      { key: 'filename', before: 'old.txt', after: 'a.txt', changed: true },
      { key: 'removed', before: 'x', after: null, changed: true },
      { key: 'same', before: '1', after: '1', changed: false },
    ]);
  });

  it('shows the attributes unchanged for an event that kept no earlier copy', () => {
    const { previousAttributes: _previous, ...send } = { ...base, type: 'SEND' as const };
    expect(attributeChanges(send).every((a) => !a.changed && a.before === a.after)).toBe(true);
  });

  it('makes a row with the component name, or null once the component is gone', () => {
    expect(rowOf(base, new Map([['upd', 'Stamp']]))).toMatchObject({
      componentName: 'Stamp',
      filename: 'a.txt',
    });
    expect(rowOf(base, new Map()).componentName).toBeNull();
  });
});
