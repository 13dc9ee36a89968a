import type { ConnectionView, LabelView, ProcessorView } from '../api/types.js';
import type { CanvasNode, ConnectionEdge, LabelNode, ProcessorNode } from './types.js';

/**
 * The canvas's nodes for the graph store's processors and labels. A node whose component did
 * not change is the same object as before (xyflow and the memoized cards skip it); what xyflow
 * learnt about a node (measured size, selection) carries over to its new object.
 */
export function deriveNodes(
  previous: readonly CanvasNode[],
  processors: readonly ProcessorView[],
  labels: readonly LabelView[],
): readonly CanvasNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const next: CanvasNode[] = [];
  for (const label of labels) next.push(labelNode(label, before.get(label.id)));
  for (const processor of processors) next.push(processorNode(processor, before.get(processor.id)));
  return sameItems(previous, next) ? previous : next;
}

function carried(old: CanvasNode | undefined) {
  return {
    selected: old?.selected ?? false,
    ...(old?.measured ? { measured: old.measured } : {}),
  };
}

function processorNode(processor: ProcessorView, old: CanvasNode | undefined): ProcessorNode {
  if (old?.type === 'processor' && old.data.processor === processor) return old;
  return {
    id: processor.id,
    type: 'processor',
    // A node being dragged keeps where the pointer has it; the server's answer lands after.
    position: old?.dragging ? old.position : processor.position,
    data: { processor },
    ...carried(old),
  };
}

function labelNode(label: LabelView, old: CanvasNode | undefined): LabelNode {
  if (old?.type === 'label' && old.data.label === label) return old;
  return {
    id: label.id,
    type: 'label',
    position: old?.dragging ? old.position : label.position,
    data: { label },
    width: label.size.width,
    height: label.size.height,
    // Labels are notes behind the processors they describe.
    zIndex: -1,
    ...carried(old),
  };
}

/**
 * The canvas's edges for the graph store's connections, numbered among edges with the same
 * source and destination so that parallel connections (success and failure to one processor)
 * are drawn apart instead of on top of each other.
 */
export function deriveEdges(
  previous: readonly ConnectionEdge[],
  connections: readonly ConnectionView[],
): readonly ConnectionEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const groups = new Map<string, ConnectionView[]>();
  for (const c of connections) {
    const key = `${c.source.id}\n${c.destination.id}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const next = connections.map((connection) => {
    const group = groups.get(`${connection.source.id}\n${connection.destination.id}`)!;
    const parallelIndex = [...group].sort((a, b) => a.id.localeCompare(b.id)).indexOf(connection);
    const old = before.get(connection.id);
    if (
      old?.data?.connection === connection &&
      old.data.parallelIndex === parallelIndex &&
      old.data.parallelCount === group.length
    ) {
      return old;
    }
    const edge: ConnectionEdge = {
      id: connection.id,
      type: 'connection',
      source: connection.source.id,
      target: connection.destination.id,
      data: { connection, parallelIndex, parallelCount: group.length },
      selected: old?.selected ?? false,
    };
    return edge;
  });
  return sameItems(previous, next) ? previous : next;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
