import '../testing/xyflow-jsdom.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider, type NodeProps, type NodeTypes } from '@xyflow/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProcessorCard } from '../canvas/processor-card.js';
import type { CanvasNode, ProcessorNode } from '../canvas/types.js';
import { startCanvasSync, useCanvasStore } from '../stores/canvas-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { flowView, processor } from '../testing/fixtures.js';
import { useDiffStore } from './diff-store.js';
import type { VersionDiffView } from './types.js';

/** Commits per card id, counted by a Profiler around each card. */
let commits: Record<string, number>;

function CountedCard(props: NodeProps<ProcessorNode>) {
  return (
    <Profiler id={props.id} onRender={() => (commits[props.id] = (commits[props.id] ?? 0) + 1)}>
      <ProcessorCard {...props} />
    </Profiler>
  );
}
const countedTypes: NodeTypes = { processor: CountedCard };

function Canvas() {
  const nodes = useCanvasStore((s) => s.nodes) as CanvasNode[];
  return (
    <div style={{ width: 800, height: 600 }}>
      <ReactFlow nodes={nodes} edges={[]} nodeTypes={countedTypes} />
    </div>
  );
}

const diff: VersionDiffView = {
  from: { kind: 'working' },
  to: { kind: 'working' },
  diff: {
    flow: [],
    components: [
      {
        change: 'added',
        kind: 'processor',
        id: 'b',
        name: 'Processor b',
        fields: [],
        sketch: { type: 'LogAttribute', position: { x: 400, y: 0 } },
      },
    ],
  },
};

let stopSync: () => void;

beforeEach(() => {
  commits = {};
  useGraphStore.getState().reset(null);
  useGraphStore
    .getState()
    .setFlow(flowView('f', [processor('a'), processor('b', { position: { x: 400, y: 0 } })]));
  stopSync = startCanvasSync();
});

afterEach(() => {
  cleanup();
  stopSync();
  useDiffStore.getState().clear();
});

describe('diff marks on the canvas', () => {
  it('given two cards, when a diff names only b, then only b renders again, with its mark', () => {
    render(
      <ReactFlowProvider>
        <Canvas />
      </ReactFlowProvider>,
    );
    const before = { ...commits };
    const card = (id: string) =>
      screen.getAllByTestId('processor-card').find((c) => c.dataset.id === id)!;

    act(() => useDiffStore.getState().show(diff));
    expect(commits['a']).toBe(before['a']);
    expect(commits['b']).toBe(before['b']! + 1);
    expect(card('b').classList.contains('diff-added')).toBe(true);
    expect(card('a').className).not.toContain('diff-');

    act(() => useDiffStore.getState().clear());
    expect(card('b').className).not.toContain('diff-');
    expect(commits['a']).toBe(before['a']);
  });
});
