import '../testing/xyflow-jsdom.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider, type NodeProps, type NodeTypes } from '@xyflow/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCanvasSync, useCanvasStore } from '../stores/canvas-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import {
  connection,
  connectionStatus,
  flowView,
  processor,
  processorStatus,
} from '../testing/fixtures.js';
import { ConnectionLabel } from './connection-label.js';
import { ProcessorCard } from './processor-card.js';
import type { CanvasNode, ProcessorNode } from './types.js';

/** Commits per component id, counted by a Profiler around each card or label. */
let commits: Record<string, number>;
const count = (id: string) => {
  commits[id] = (commits[id] ?? 0) + 1;
};

// The real card inside a Profiler: any render of the card's subtree is a commit here.
function CountedCard(props: NodeProps<ProcessorNode>) {
  return (
    <Profiler id={props.id} onRender={() => count(props.id)}>
      <ProcessorCard {...props} />
    </Profiler>
  );
}
const countedTypes: NodeTypes = { processor: CountedCard };

function Canvas({ zoom = 1 }: { readonly zoom?: number }) {
  const nodes = useCanvasStore((s) => s.nodes) as CanvasNode[];
  return (
    <div style={{ width: 800, height: 600 }}>
      <ReactFlow
        nodes={nodes}
        edges={[]}
        nodeTypes={countedTypes}
        minZoom={0.1}
        defaultViewport={{ x: 0, y: 0, zoom }}
      />
    </div>
  );
}

let stopSync: () => void;

beforeEach(() => {
  commits = {};
  useStatsStore.getState().clear();
  useGraphStore.getState().reset(null);
  useGraphStore
    .getState()
    .setFlow(
      flowView(
        'f',
        [processor('a'), processor('b', { position: { x: 400, y: 0 } })],
        [connection('ab', 'a', 'b')],
      ),
    );
  useStatsStore.getState().apply({
    kind: 'snapshot',
    snapshot: {
      processors: [processorStatus('a', 1), processorStatus('b', 1)],
      connections: [connectionStatus('ab', 1)],
    },
  });
  stopSync = startCanvasSync();
});

afterEach(() => {
  cleanup();
  stopSync();
});

describe('live stats render only what changed', () => {
  it('given two cards, when only b’s stats change, then b renders again and a does not', () => {
    render(
      <ReactFlowProvider>
        <Canvas />
      </ReactFlowProvider>,
    );
    const nodesBefore = useCanvasStore.getState().nodes;
    const before = { ...commits };
    expect(before['a']).toBeGreaterThan(0);

    act(() => {
      useStatsStore.getState().apply({
        kind: 'delta',
        delta: {
          processors: [processorStatus('b', 12)],
          connections: [],
          removedProcessors: [],
          removedConnections: [],
        },
      });
    });

    expect(commits['a']).toBe(before['a']);
    expect(commits['b']).toBe(before['b']! + 1);
    expect(useCanvasStore.getState().nodes).toBe(nodesBefore);
    const cardB = screen.getAllByTestId('processor-card').find((c) => c.dataset.id === 'b')!;
    expect(cardB.querySelector('[data-testid="card-in"]')?.textContent).toBe('12 (12 KB)');
  });

  it('given a snapshot equal to what is shown (a reconnect), then no card renders again', () => {
    render(
      <ReactFlowProvider>
        <Canvas />
      </ReactFlowProvider>,
    );
    const before = { ...commits };

    act(() => {
      useStatsStore.getState().apply({
        kind: 'snapshot',
        snapshot: {
          processors: [processorStatus('a', 1), processorStatus('b', 1)],
          connections: [connectionStatus('ab', 1)],
        },
      });
    });

    expect(commits).toEqual(before);
  });

  it('given two connection labels, when one queue changes, then only its label renders again', () => {
    useStatsStore.getState().apply({
      kind: 'snapshot',
      snapshot: {
        processors: [],
        connections: [connectionStatus('x', 1), connectionStatus('y', 1)],
      },
    });
    const label = (id: string) => (
      <Profiler id={id} onRender={() => count(id)}>
        <ConnectionLabel
          id={id}
          relationships={['success']}
          name={undefined}
          objectThreshold={10}
          x={0}
          y={0}
          selected={false}
        />
      </Profiler>
    );
    render(
      <ReactFlowProvider>
        {label('x')}
        {label('y')}
      </ReactFlowProvider>,
    );
    const before = { ...commits };

    act(() => {
      useStatsStore.getState().apply({
        kind: 'delta',
        delta: {
          processors: [],
          connections: [connectionStatus('y', 9, 10)],
          removedProcessors: [],
          removedConnections: [],
        },
      });
    });

    expect(commits['x']).toBe(before['x']);
    expect(commits['y']).toBe(before['y']! + 1);
    const y = screen.getAllByTestId('connection-label').find((l) => l.dataset.id === 'y')!;
    expect(y.dataset.queuedCount).toBe('9');
    expect(y.querySelector('[data-testid="connection-fill"]')?.getAttribute('data-level')).toBe(
      'red',
    );
  });
});
