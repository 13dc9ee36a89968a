import { create } from 'zustand';
import type { ConnectionView, FlowView, LabelView, ProcessorView } from '../api/types.js';
import { reconcileById } from '../graph/reconcile.js';

/**
 * The flow being edited, as the server last returned it: processors, connections and labels.
 * It changes only when the graph changes (live stats live in the stats store), and keeps the
 * object of every component that did not change, so only what changed renders again.
 */
export interface GraphState {
  /** The flow shown, or null before one is opened. */
  readonly flowId: string | null;
  readonly name: string;
  readonly processors: readonly ProcessorView[];
  readonly connections: readonly ConnectionView[];
  readonly labels: readonly LabelView[];
  /** Ids of each processor's outgoing connections; the same array while they do not change. */
  readonly outgoing: Readonly<Record<string, readonly string[]>>;
  /** True once the flow has been read from the server. */
  readonly loaded: boolean;
  /** Takes a flow as `flows.get` returned it, sharing unchanged components with the last one. */
  setFlow(view: FlowView): void;
  /** Forgets the flow (before another one is opened). */
  reset(flowId: string | null): void;
}

const empty = {
  name: '',
  processors: [] as readonly ProcessorView[],
  connections: [] as readonly ConnectionView[],
  labels: [] as readonly LabelView[],
  outgoing: {} as Readonly<Record<string, readonly string[]>>,
  loaded: false,
};

/** The graph store; components read it with selectors. */
export const useGraphStore = create<GraphState>()((set, get) => ({
  flowId: null,
  ...empty,
  setFlow(view) {
    const before = get();
    const { flow } = view;
    const sameFlow = before.flowId === flow.id;
    const connections = reconcileById(sameFlow ? before.connections : [], flow.connections);
    set({
      flowId: flow.id,
      name: flow.name,
      processors: reconcileById(sameFlow ? before.processors : [], flow.processors),
      connections,
      labels: reconcileById(sameFlow ? before.labels : [], flow.labels),
      outgoing: outgoingOf(connections, sameFlow ? before.outgoing : {}),
      loaded: true,
    });
  },
  reset(flowId) {
    set({ flowId, ...empty });
  },
}));

/** Outgoing connection ids per source processor, reusing the arrays that did not change. */
function outgoingOf(
  connections: readonly ConnectionView[],
  previous: Readonly<Record<string, readonly string[]>>,
): Readonly<Record<string, readonly string[]>> {
  const next: Record<string, string[]> = {};
  for (const c of connections) (next[c.source.id] ??= []).push(c.id);
  const result: Record<string, readonly string[]> = {};
  for (const [id, ids] of Object.entries(next)) {
    const old = previous[id];
    result[id] = old && old.join('\n') === ids.join('\n') ? old : ids;
  }
  return result;
}

/** No outgoing connection; one shared array so a selector's answer stays equal. */
export const NO_CONNECTIONS: readonly string[] = [];

/** A processor of the current flow by id. */
export function findProcessor(id: string): ProcessorView | undefined {
  return useGraphStore.getState().processors.find((p) => p.id === id);
}

/** A connection of the current flow by id. */
export function findConnection(id: string): ConnectionView | undefined {
  return useGraphStore.getState().connections.find((c) => c.id === id);
}
