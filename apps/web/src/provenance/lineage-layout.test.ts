import { describe, expect, it } from 'vitest';
import {
  FLOWFILE_WIDTH,
  LANE_WIDTH,
  layoutLineage,
  PADDING,
  ROW_HEIGHT,
} from './lineage-layout.js';
import type { Lineage, LineageLink, LineageNode } from './types.js';

function event(eventId: number, flowFileId: string, eventType: string): LineageNode {
  return {
    id: `event-${eventId}`,
    kind: 'event',
    eventId,
    eventType: eventType as 'CREATE',
    time: eventId * 1000,
    flowFileId,
    componentId: 'c',
    componentType: 'T',
    componentName: 'C',
  };
}

const flowFile = (id: string): LineageNode => ({ id, kind: 'flowfile', flowFileId: id });

function link(source: string, target: string, kind: LineageLink['kind']): LineageLink {
  return { source, target, kind };
}

/** a: CREATE → CONTENT_MODIFIED → CLONE (child b) → DROP; b: SEND; then c joins a's DROP… */
const cloned: Pick<Lineage, 'nodes' | 'links'> = {
  nodes: [
    flowFile('a'),
    event(1, 'a', 'CREATE'),
    event(2, 'a', 'CONTENT_MODIFIED'),
    event(3, 'a', 'CLONE'),
    flowFile('b'),
    event(4, 'a', 'DROP'),
    event(5, 'b', 'SEND'),
  ],
  links: [
    link('a', 'event-1', 'start'),
    link('event-1', 'event-2', 'next'),
    link('event-2', 'event-3', 'next'),
    link('event-3', 'b', 'child'),
    link('event-3', 'event-4', 'next'),
    link('b', 'event-5', 'start'),
  ],
};

describe('layoutLineage', () => {
  it('puts time top to bottom: every link points down', () => {
    // when
    const layout = layoutLineage(cloned);

    // then
    const at = new Map(layout.nodes.map((n) => [n.node.id, n]));
    for (const { link: l } of layout.edges) {
      expect(at.get(l.target)!.row).toBeGreaterThan(at.get(l.source)!.row);
    }
    expect(layout.nodes.map((n) => `${n.node.id}@${n.row}`)).toEqual([
      'a@0',
      'event-1@1',
      'event-2@2',
      'event-3@3',
      'b@4',
      'event-4@4',
      'event-5@5',
    ]);
  });

  it('gives a clone its own lane beside its parent, and each flowfile one lane', () => {
    // when
    const layout = layoutLineage(cloned);

    // then
    const lane = (id: string) => layout.nodes.find((n) => n.node.id === id)!.lane;
    expect(['a', 'event-1', 'event-2', 'event-3', 'event-4'].map(lane)).toEqual([0, 0, 0, 0, 0]);
    expect([lane('b'), lane('event-5')]).toEqual([1, 1]);
    expect(layout.width).toBe(2 * PADDING + 2 * LANE_WIDTH);
    expect(layout.height).toBe(2 * PADDING + 5 * ROW_HEIGHT);
    const b = layout.nodes.find((n) => n.node.id === 'b')!;
    expect(b.x).toBe(PADDING + LANE_WIDTH + FLOWFILE_WIDTH / 2);
    expect(b.y).toBe(PADDING + 4 * ROW_HEIGHT);
  });

  it('draws a join below all its parents, reusing a lane once its flowfile is done', () => {
    // given p1 and p2 joined into c, and then d created after every lane is free again
    const joined = {
      nodes: [
        flowFile('p1'),
        event(1, 'p1', 'CREATE'),
        flowFile('p2'),
        event(2, 'p2', 'CREATE'),
        event(3, 'p2', 'ATTRIBUTES_MODIFIED'),
        flowFile('c'),
        event(4, 'c', 'JOIN'),
      ],
      links: [
        link('p1', 'event-1', 'start'),
        link('p2', 'event-2', 'start'),
        link('event-2', 'event-3', 'next'),
        link('c', 'event-4', 'start'),
        link('event-1', 'event-4', 'parent'),
        link('event-3', 'event-4', 'parent'),
      ],
    };

    // when
    const layout = layoutLineage(joined);

    // then
    const at = (id: string) => layout.nodes.find((n) => n.node.id === id)!;
    expect(at('event-4').row).toBe(3);
    expect(new Set([at('p1').lane, at('p2').lane, at('c').lane]).size).toBe(3);
    const join = layout.edges.filter((e) => e.link.target === 'event-4');
    expect(join).toHaveLength(3);
    expect(join.every((e) => e.path.startsWith('M'))).toBe(true);
  });

  it('lays out nothing for an empty lineage, and survives a cycle', () => {
    expect(layoutLineage({ nodes: [], links: [] })).toEqual({
      nodes: [],
      edges: [],
      width: 0,
      height: 0,
    });
    const loop = {
      nodes: [event(1, 'a', 'CREATE'), event(2, 'a', 'DROP')],
      links: [link('event-1', 'event-2', 'next'), link('event-2', 'event-1', 'next')],
    };
    expect(layoutLineage(loop).nodes.map((n) => n.row)).toEqual([0, 1]);
  });
});
