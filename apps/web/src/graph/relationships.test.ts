import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../api/types.js';
import { catalogEntry } from '../testing/fixtures.js';
import { relationshipNames } from './relationships.js';

const catalog = {
  GenerateFlowFile: catalogEntry('GenerateFlowFile', ['success'], {
    inputRequirement: 'forbidden',
  }),
  ReplaceText: catalogEntry('ReplaceText', ['success', 'failure']),
  Sink: catalogEntry('Sink', []),
  RouteOnAttribute: catalogEntry('RouteOnAttribute', ['unmatched', 'matched'], {
    dynamicProperties: { description: '', expressionScope: 'flowfile', addsRelationship: true },
    propertyOrder: ['routingStrategy'],
  } as Partial<CatalogEntry>),
};

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
