import { beforeEach, describe, expect, it } from 'vitest';
import { connection, flowView, processor } from '../testing/fixtures.js';
import { currentSelection, startCanvasSync, useCanvasStore } from './canvas-store.js';
import { useGraphStore } from './graph-store.js';

beforeEach(() => {
  useGraphStore.getState().reset(null);
  useCanvasStore.setState({ nodes: [], edges: [] });
});

describe('canvas store', () => {
  it('follows the graph store, keeping the node of every unchanged processor', () => {
    const stop = startCanvasSync();
    useGraphStore
      .getState()
      .setFlow(flowView('f', [processor('a'), processor('b')], [connection('ab', 'a', 'b')]));
    const [a, b] = useCanvasStore.getState().nodes;
    const [edge] = useCanvasStore.getState().edges;

    useGraphStore
      .getState()
      .setFlow(
        flowView(
          'f',
          [processor('a'), processor('b', { position: { x: 9, y: 9 } })],
          [connection('ab', 'a', 'b')],
        ),
      );

    const nodes = useCanvasStore.getState().nodes;
    expect(nodes[0]).toBe(a);
    expect(nodes[1]).not.toBe(b);
    expect(nodes[1]?.position).toEqual({ x: 9, y: 9 });
    expect(useCanvasStore.getState().edges[0]).toBe(edge);
    stop();
  });

  it('keeps what xyflow measured and the selection when a processor changes', () => {
    const stop = startCanvasSync();
    useGraphStore.getState().setFlow(flowView('f', [processor('a')]));
    useCanvasStore.getState().onNodesChange([
      { id: 'a', type: 'dimensions', dimensions: { width: 240, height: 90 }, setAttributes: false },
      { id: 'a', type: 'select', selected: true },
    ]);

    useGraphStore.getState().setFlow(flowView('f', [processor('a', { name: 'A' })]));

    const [node] = useCanvasStore.getState().nodes;
    expect(node).toMatchObject({ selected: true, measured: { width: 240, height: 90 } });
    expect(currentSelection().processors).toEqual(['a']);
    stop();
  });

  it('numbers parallel connections between the same processors', () => {
    const stop = startCanvasSync();
    useGraphStore
      .getState()
      .setFlow(
        flowView(
          'f',
          [processor('a'), processor('b')],
          [connection('c1', 'a', 'b', ['success']), connection('c2', 'a', 'b', ['failure'])],
        ),
      );
    expect(
      useCanvasStore.getState().edges.map((e) => [e.data?.parallelIndex, e.data?.parallelCount]),
    ).toEqual([
      [0, 2],
      [1, 2],
    ]);
    stop();
  });

  it('selects exactly the given nodes and edges, by kind', () => {
    const stop = startCanvasSync();
    useGraphStore
      .getState()
      .setFlow(flowView('f', [processor('a'), processor('b')], [connection('ab', 'a', 'b')]));
    useCanvasStore.getState().select(['b', 'ab']);
    expect(currentSelection()).toEqual({ processors: ['b'], labels: [], connections: ['ab'] });
    stop();
  });
});
