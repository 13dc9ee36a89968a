import { describe, expect, it } from 'vitest';
import { relationsOf } from './lineage-relations.js';
import type { LineageNode } from './types.js';

function event(eventId: number, flowFileId: string): LineageNode {
  return {
    id: `event-${eventId}`,
    kind: 'event',
    eventId,
    eventType: 'CREATE',
    time: 0,
    flowFileId,
    componentId: 'c',
    componentType: 'T',
    componentName: null,
  };
}

const flowFile = (id: string): LineageNode => ({ id, kind: 'flowfile', flowFileId: id });

/** a cloned into b (CLONE on a), then a and b joined into c (JOIN on c). */
const lineage = {
  nodes: [
    flowFile('a'),
    event(1, 'a'),
    event(2, 'a'),
    flowFile('b'),
    event(3, 'b'),
    flowFile('c'),
    event(4, 'c'),
  ],
  links: [
    { source: 'a', target: 'event-1', kind: 'start' as const },
    { source: 'event-1', target: 'event-2', kind: 'next' as const },
    { source: 'event-2', target: 'b', kind: 'child' as const },
    { source: 'b', target: 'event-3', kind: 'start' as const },
    { source: 'c', target: 'event-4', kind: 'start' as const },
    { source: 'event-2', target: 'event-4', kind: 'parent' as const },
    { source: 'event-3', target: 'event-4', kind: 'parent' as const },
  ],
};

describe('relationsOf', () => {
  it('finds the children of a flowfile through clones and joins', () => {
    const a = relationsOf(lineage, 'a');
    expect(a.children).toEqual(['b', 'c']);
    expect(a.parents).toEqual([]);
    expect(a.events.map((e) => e.eventId)).toEqual([1, 2]);
  });

  it('finds the parents of a clone and of a join', () => {
    expect(relationsOf(lineage, 'b')).toMatchObject({ parents: ['a'], children: ['c'] });
    expect(relationsOf(lineage, 'c')).toMatchObject({ parents: ['a', 'b'], children: [] });
  });
});
