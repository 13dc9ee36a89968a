import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import { deriveEdges, deriveNodes } from '../canvas/derive.js';
import type { CanvasNode, CanvasSelection, ConnectionEdge } from '../canvas/types.js';
import { useGraphStore, type GraphState } from './graph-store.js';

/**
 * What xyflow draws: nodes and edges derived from the graph store, plus what only the canvas
 * knows (selection, measured sizes, positions while dragging). xyflow's changes are applied
 * here; edits reach the server only through commands.
 */
export interface CanvasState {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly ConnectionEdge[];
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<ConnectionEdge>[]): void;
  /** Rebuilds nodes and edges from the graph, keeping the objects of unchanged components. */
  sync(graph: Pick<GraphState, 'processors' | 'labels' | 'connections'>): void;
  /** Selects exactly these node and edge ids. */
  select(ids: Iterable<string>): void;
}

/** The canvas store. */
export const useCanvasStore = create<CanvasState>()((set, get) => ({
  nodes: [],
  edges: [],
  onNodesChange(changes) {
    set({ nodes: applyNodeChanges(changes, get().nodes as CanvasNode[]) });
  },
  onEdgesChange(changes) {
    set({ edges: applyEdgeChanges(changes, get().edges as ConnectionEdge[]) });
  },
  sync(graph) {
    const { nodes, edges } = get();
    const nextNodes = deriveNodes(nodes, graph.processors, graph.labels);
    const nextEdges = deriveEdges(edges, graph.connections);
    if (nextNodes !== nodes || nextEdges !== edges) set({ nodes: nextNodes, edges: nextEdges });
  },
  select(ids) {
    const wanted = new Set(ids);
    const { nodes, edges } = get();
    set({
      nodes: nodes.map((n) =>
        Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) },
      ),
      edges: edges.map((e) =>
        Boolean(e.selected) === wanted.has(e.id) ? e : { ...e, selected: wanted.has(e.id) },
      ),
    });
  },
}));

/** What is selected now, by kind. */
export function currentSelection(): CanvasSelection {
  const { nodes, edges } = useCanvasStore.getState();
  return {
    processors: nodes.filter((n) => n.selected && n.type === 'processor').map((n) => n.id),
    labels: nodes.filter((n) => n.selected && n.type === 'label').map((n) => n.id),
    connections: edges.filter((e) => e.selected).map((e) => e.id),
  };
}

/**
 * Keeps the canvas store in step with the graph store from now on (and once right away);
 * returns what stops it.
 */
export function startCanvasSync(): () => void {
  useCanvasStore.getState().sync(useGraphStore.getState());
  return useGraphStore.subscribe((graph, previous) => {
    if (
      graph.processors !== previous.processors ||
      graph.labels !== previous.labels ||
      graph.connections !== previous.connections
    ) {
      useCanvasStore.getState().sync(graph);
    }
  });
}
