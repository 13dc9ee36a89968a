import { describe, expect, it } from 'vitest';
import { smallCatalog } from '../testing/fixtures.js';
import { relationshipNames } from './relationships.js';

const catalog = smallCatalog();

describe('relationshipNames', () => {
  it('gives the declared relationships, plus one per dynamic property when they add some', () => {
    expect(relationshipNames(catalog.ReplaceText)).toEqual(['success', 'failure']);
    expect(
      relationshipNames(catalog.RouteOnAttribute, {
        properties: { routingStrategy: 'x', big: '${size:gt(9)}' },
      }),
    ).toEqual(['unmatched', 'matched', 'big']);
    expect(relationshipNames(undefined)).toEqual([]);
  });

  it('takes the server’s list when it has one (a strategy may replace the dynamic ones)', () => {
    const routed = {
      properties: { routingStrategy: "Route to 'match' if all match", big: '${size:gt(9)}' },
      relationships: ['matched', 'unmatched'],
    };
    expect(relationshipNames(catalog.RouteOnAttribute, routed)).toEqual(['matched', 'unmatched']);
    expect(relationshipNames(undefined, routed)).toEqual(['matched', 'unmatched']);
  });
});
