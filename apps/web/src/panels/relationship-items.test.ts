import { describe, expect, it } from 'vitest';
import { draftFromProcessor, dynamicRow } from './processor-draft.js';
import { relationshipItems } from './relationship-items.js';
import { processorOf, replaceTextEntry, routeEntry } from './test-fixtures.js';

describe('relationshipItems', () => {
  it('lists the declared relationships with their descriptions and whether they are connected', () => {
    const draft = draftFromProcessor(processorOf('ReplaceText'), replaceTextEntry);
    expect(relationshipItems(replaceTextEntry, draft, undefined, new Set(['success']))).toEqual([
      { name: 'success', description: 'Flowfiles that were processed', connected: true },
      { name: 'failure', description: 'Flowfiles that could not be processed', connected: false },
    ]);
  });

  it('adds one per named dynamic property until the server says which there are', () => {
    const base = draftFromProcessor(processorOf('RouteOnAttribute'), routeEntry);
    const draft = { ...base, dynamic: [dynamicRow('big', 'x'), dynamicRow('', 'y')] };
    const guessed = relationshipItems(routeEntry, draft, undefined, new Set());
    expect(guessed.map((r) => r.name)).toEqual(['unmatched', 'matched', 'big']);
    const told = relationshipItems(routeEntry, draft, ['unmatched', 'big'], new Set());
    expect(told.map((r) => r.name)).toEqual(['unmatched', 'big']);
  });

  it('keeps an auto-terminated name that is no longer a relationship, so it can be unchecked', () => {
    const base = draftFromProcessor(processorOf('RouteOnAttribute'), routeEntry);
    const items = relationshipItems(
      routeEntry,
      { ...base, autoTerminated: ['gone'] },
      ['unmatched'],
      new Set(),
    );
    expect(items.at(-1)).toEqual({
      name: 'gone',
      description: 'No longer a relationship of this processor',
      connected: false,
    });
  });
});
