import { describe, expect, it } from 'vitest';
import {
  afterListing,
  NOTHING_LISTED,
  readListingState,
  unlisted,
  writeListingState,
  type ListedEntity,
} from './listing-state.js';

const key = (e: ListedEntity): ListedEntity => e;
const entity = (id: string, timestamp: number): ListedEntity => ({ id, timestamp });

describe('listing state', () => {
  it('round-trips through component state, and starts over when the configuration changed', () => {
    const listing = { timestamp: 2000, ids: new Set(['/b', '/a']) };
    const state = writeListingState(listing, 'config-1');

    expect(state).toEqual({
      'listing.configuration': 'config-1',
      'listing.timestamp': '2000',
      'id.0': '/a',
      'id.1': '/b',
    });
    expect(readListingState(state, 'config-1')).toEqual(listing);
    expect(readListingState(state, 'config-2')).toBe(NOTHING_LISTED);
    expect(readListingState(undefined, 'config-1')).toBe(NOTHING_LISTED);
  });

  it('picks newer entities and unseen ones at the last time, oldest first', () => {
    const listed = { timestamp: 2000, ids: new Set(['/seen']) };
    const entries = [
      entity('/newer-b', 3000),
      entity('/old', 1000),
      entity('/seen', 2000),
      entity('/same-time', 2000),
      entity('/newer-a', 3000),
    ];

    expect(unlisted(entries, listed, key).map((e) => e.id)).toEqual([
      '/same-time',
      '/newer-a',
      '/newer-b',
    ]);
  });

  it('remembers the newest time and every id at it, keeping earlier ids at the same time', () => {
    const listed = { timestamp: 2000, ids: new Set(['/seen']) };

    expect(afterListing(listed, [entity('/same-time', 2000)], key)).toEqual({
      timestamp: 2000,
      ids: new Set(['/seen', '/same-time']),
    });
    expect(
      afterListing(
        listed,
        [entity('/same-time', 2000), entity('/a', 3000), entity('/b', 3000)],
        key,
      ),
    ).toEqual({ timestamp: 3000, ids: new Set(['/a', '/b']) });
  });
});
