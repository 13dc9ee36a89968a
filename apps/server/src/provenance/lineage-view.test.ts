import type { LineageGraph, LineageNode } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { lineageView } from './lineage-view.js';

function eventNode(eventId: number, flowFileId: string, eventType = 'CREATE'): LineageNode {
  return {
    id: `event-${eventId}`,
    type: 'event',
    eventId,
    eventType: eventType as 'CREATE',
    time: eventId,
    flowFileId,
    componentId: 'gen',
    componentType: 'GenerateFlowFile',
  };
}

const flowFile = (id: string): LineageNode => ({ id, type: 'flowfile', flowFileId: id });

/** a: CREATE → CLONE (child b) → DROP; b: SEND. */
const graph: LineageGraph = {
  nodes: [
    flowFile('a'),
    eventNode(1, 'a'),
    eventNode(2, 'a', 'CLONE'),
    flowFile('b'),
    eventNode(3, 'a', 'DROP'),
    eventNode(4, 'b', 'SEND'),
  ],
  links: [
    { source: 'a', target: 'event-1' },
    { source: 'event-1', target: 'event-2' },
    { source: 'event-2', target: 'b' },
    { source: 'event-2', target: 'event-3' },
    { source: 'b', target: 'event-4' },
  ],
};

describe('lineageView', () => {
  it('names components and says what each link is', () => {
    // when
    const view = lineageView(graph, 'a', new Map([['gen', 'Generate']]));

    // then
    expect(view.truncated).toBe(false);
    expect(view.nodes.find((n) => n.id === 'event-1')).toMatchObject({
      kind: 'event',
      componentName: 'Generate',
    });
    expect(view.links.map((l) => `${l.source}>${l.target}:${l.kind}`)).toEqual([
      'a>event-1:start',
      'event-1>event-2:next',
      'event-2>b:child',
      'event-2>event-3:next',
      'b>event-4:start',
    ]);
  });

  it('marks a parent feeding a JOIN as a parent link', () => {
    const join: LineageGraph = {
      nodes: [flowFile('p'), eventNode(1, 'p'), flowFile('c'), eventNode(2, 'c', 'JOIN')],
      links: [
        { source: 'p', target: 'event-1' },
        { source: 'c', target: 'event-2' },
        { source: 'event-1', target: 'event-2' },
      ],
    };
    expect(lineageView(join, 'c', new Map()).links.map((l) => l.kind)).toEqual([
      'start',
      'start',
      'parent',
    ]);
  });

  it('keeps the nodes nearest the flowfile when the lineage is too large, with their links', () => {
    // when
    const view = lineageView(graph, 'b', new Map(), 3);

    // then
    expect(view.truncated).toBe(true);
    expect(view.total).toBe(6);
    expect(view.nodes.map((n) => n.id).sort()).toEqual(['b', 'event-2', 'event-4']);
    expect(view.links.map((l) => `${l.source}>${l.target}`)).toEqual(['event-2>b', 'b>event-4']);
  });
});
