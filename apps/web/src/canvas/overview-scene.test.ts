import { describe, expect, it } from 'vitest';
import { connection, processor } from '../testing/fixtures.js';
import { deriveEdges, deriveNodes } from './derive.js';
import { edgeGeometry } from './edge-path.js';
import { OVERVIEW_CARD_SIZE, buildOverviewScene, idsInRect, shortName } from './overview-scene.js';

function graph() {
  const processors = [
    processor('a', { position: { x: 0, y: 0 } }),
    processor('b', { position: { x: 400, y: 0 } }),
    processor('c', { position: { x: 400, y: 400 }, name: 'A rather long processor name' }),
  ];
  const connections = [connection('ab', 'a', 'b'), connection('bc', 'b', 'c')];
  return { nodes: deriveNodes([], processors, []), edges: deriveEdges([], connections) };
}

describe('buildOverviewScene', () => {
  it('places every card where xyflow does, at its measured size or the card size', () => {
    const { nodes, edges } = graph();
    const measured = nodes.map((n) =>
      n.id === 'b' ? { ...n, measured: { width: 250, height: 110 } } : n,
    );

    const scene = buildOverviewScene(measured, edges);

    expect(scene.processors.map((p) => [p.id, p.x, p.y, p.width, p.height])).toEqual([
      ['a', 0, 0, OVERVIEW_CARD_SIZE.width, OVERVIEW_CARD_SIZE.height],
      ['b', 400, 0, 250, 110],
      ['c', 400, 400, OVERVIEW_CARD_SIZE.width, OVERVIEW_CARD_SIZE.height],
    ]);
  });

  it('draws a connection from the middle of its source right side to its destination left side', () => {
    const { nodes, edges } = graph();

    const scene = buildOverviewScene(nodes, edges);

    const h = OVERVIEW_CARD_SIZE.height / 2;
    const expected = edgeGeometry({
      sourceX: OVERVIEW_CARD_SIZE.width,
      sourceY: h,
      targetX: 400,
      targetY: h,
    });
    expect(scene.connections[0]).toMatchObject({ id: 'ab', ...expected });
  });

  it('bounds everything it draws, cards and fill bars', () => {
    const { nodes, edges } = graph();

    const { bounds } = buildOverviewScene(nodes, edges);

    expect(bounds.x).toBeLessThan(0);
    expect(bounds.y).toBeLessThan(0);
    expect(bounds.x + bounds.width).toBeGreaterThan(400 + OVERVIEW_CARD_SIZE.width);
    expect(bounds.y + bounds.height).toBeGreaterThan(400 + OVERVIEW_CARD_SIZE.height);
  });

  it('carries the selection of nodes and edges', () => {
    const { nodes, edges } = graph();

    const scene = buildOverviewScene(
      nodes.map((n) => (n.id === 'c' ? { ...n, selected: true } : n)),
      edges.map((e) => (e.id === 'ab' ? { ...e, selected: true } : e)),
    );

    expect(scene.processors.filter((p) => p.selected).map((p) => p.id)).toEqual(['c']);
    expect(scene.connections.filter((c) => c.selected).map((c) => c.id)).toEqual(['ab']);
  });

  it('leaves out a connection whose end is not on the canvas', () => {
    const { nodes, edges } = graph();

    const scene = buildOverviewScene(
      nodes.filter((n) => n.id !== 'c'),
      edges,
    );

    expect(scene.connections.map((c) => c.id)).toEqual(['ab']);
  });
});

describe('idsInRect', () => {
  it('selects the cards wholly inside the box and every connection of them', () => {
    const { nodes, edges } = graph();
    const scene = buildOverviewScene(nodes, edges);

    const ids = idsInRect(scene, { x: 300, y: -10, width: 400, height: 600 });

    expect(ids.sort()).toEqual(['ab', 'b', 'bc', 'c']);
  });

  it('selects nothing for a box that only cuts a card', () => {
    const { nodes, edges } = graph();
    const scene = buildOverviewScene(nodes, edges);

    expect(idsInRect(scene, { x: 100, y: 0, width: 100, height: 100 })).toEqual([]);
  });
});

describe('shortName', () => {
  it('keeps a short name and cuts a long one with an ellipsis', () => {
    expect(shortName('Fetch')).toBe('Fetch');
    expect(shortName('A rather long processor name')).toBe('A rather lon…');
  });
});
