import { describe, expect, it } from 'vitest';
import {
  findDanglingReferences,
  findUnconnectedRelationships,
  findUnknownRelationships,
  incomingConnections,
  outgoingConnections,
} from './graph.js';
import { flowSchema, type Flow } from './schema.js';
import { fixtureRelationshipsOf, sftpToKafkaDocument } from './test-support/fixtures.js';

function sampleFlow(): Flow {
  return flowSchema.parse(sftpToKafkaDocument().flow);
}

/** The element at `index`, failing the test if the fixture has none there. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`fixture has no element ${index}`);
  return item;
}

describe('incomingConnections and outgoingConnections', () => {
  it('list the connections that end and start at a processor', () => {
    const flow = sampleFlow();
    expect(incomingConnections(flow, 'p-replace').map((c) => c.id)).toEqual(['c-2']);
    expect(outgoingConnections(flow, 'p-replace').map((c) => c.id)).toEqual(['c-3']);
    expect(incomingConnections(flow, 'p-list')).toEqual([]);
    expect(outgoingConnections(flow, 'p-publish')).toEqual([]);
  });
});

describe('findDanglingReferences', () => {
  it('finds nothing in a consistent flow', () => {
    expect(findDanglingReferences(sampleFlow())).toEqual([]);
  });

  it('reports each connection end and the parameter context that name nothing', () => {
    const flow = sampleFlow();
    flow.parameterContextId = 'gone';
    flow.connections[0] = {
      ...at(flow.connections, 0),
      source: { id: 'p8' },
      destination: { id: 'p9' },
    };

    expect(findDanglingReferences(flow)).toEqual([
      { path: 'flow.parameterContextId', message: 'refers to unknown parameter context "gone"' },
      {
        path: 'flow.connections[0].source.id',
        message: 'connection "c-1" refers to unknown source processor "p8"',
      },
      {
        path: 'flow.connections[0].destination.id',
        message: 'connection "c-1" refers to unknown destination processor "p9"',
      },
    ]);
  });
});

describe('findUnconnectedRelationships', () => {
  it('reports relationships neither connected nor auto-terminated', () => {
    expect(findUnconnectedRelationships(sampleFlow(), fixtureRelationshipsOf)).toEqual([
      { processorId: 'p-fetch', relationship: 'comms.failure' },
      { processorId: 'p-fetch', relationship: 'not.found' },
      { processorId: 'p-fetch', relationship: 'permission.denied' },
    ]);
  });

  it('accepts a relationship once it is auto-terminated or listed by any outgoing connection', () => {
    const flow = sampleFlow();
    const fetch = at(flow.processors, 1);
    fetch.autoTerminatedRelationships = ['comms.failure'];
    flow.connections.push({
      ...at(flow.connections, 1),
      id: 'c-errors',
      relationships: ['not.found', 'permission.denied'],
    });

    expect(findUnconnectedRelationships(flow, fixtureRelationshipsOf)).toEqual([]);
  });

  it('skips processors whose type is unknown', () => {
    const flow = sampleFlow();
    expect(findUnconnectedRelationships(flow, () => undefined)).toEqual([]);
  });
});

describe('findUnknownRelationships', () => {
  it('reports a connection relationship the source type does not declare, at its index', () => {
    const flow = sampleFlow();
    flow.connections[2] = { ...at(flow.connections, 2), relationships: ['success', 'matched'] };

    expect(findUnknownRelationships(flow, fixtureRelationshipsOf)).toEqual([
      {
        path: 'flow.connections[2].relationships[1]',
        message:
          'connection "c-3" names relationship "matched", which processor "p-replace" (type ReplaceText) does not have; its relationships are: success, failure',
      },
    ]);
  });

  it('skips connections whose source is missing or of an unknown type', () => {
    const flow = sampleFlow();
    flow.connections[0] = {
      ...at(flow.connections, 0),
      source: { id: 'nowhere' },
      relationships: ['x'],
    };
    expect(findUnknownRelationships(flow, fixtureRelationshipsOf)).toEqual([]);
    expect(findUnknownRelationships(sampleFlow(), () => undefined)).toEqual([]);
  });
});
