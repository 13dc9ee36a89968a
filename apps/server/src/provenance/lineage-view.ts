import type {
  LineageEventNode,
  LineageGraph,
  LineageNode,
  ProvenanceEventType,
} from '@sluice/engine';

/**
 * What an edge of a lineage says: `start` from a flowfile to its first event, `next` between
 * events of one flowfile, `parent` from a parent's (latest) event or node into the event that
 * made a child (FORK, JOIN), `child` from a CLONE/FORK/JOIN event to the new flowfile.
 */
export type LineageLinkKind = 'start' | 'next' | 'parent' | 'child';

/** A flowfile of a lineage. */
export interface LineageFlowFileView {
  readonly id: string;
  readonly kind: 'flowfile';
  readonly flowFileId: string;
}

/** An event of a lineage, with the name its component has now (null once removed). */
export interface LineageEventView {
  readonly id: string;
  readonly kind: 'event';
  readonly eventId: number;
  readonly eventType: ProvenanceEventType;
  readonly time: number;
  readonly flowFileId: string;
  readonly componentId: string;
  readonly componentType: string;
  readonly componentName: string | null;
}

/** A node of a lineage view. */
export type LineageNodeView = LineageFlowFileView | LineageEventView;

/** An edge of a lineage view. */
export interface LineageLinkView {
  readonly source: string;
  readonly target: string;
  readonly kind: LineageLinkKind;
}

/** The lineage of a flowfile as the API answers it, cut to a size a browser can draw. */
export interface LineageView {
  readonly flowFileId: string;
  readonly nodes: readonly LineageNodeView[];
  readonly links: readonly LineageLinkView[];
  /** True when nodes further from the flowfile were left out to stay within the bound. */
  readonly truncated: boolean;
  /** How many nodes the whole lineage has. */
  readonly total: number;
}

/** Most nodes a lineage answer holds. */
export const MAX_LINEAGE_NODES = 500;

/** The kind of a link between two nodes of a lineage. */
export function linkKind(source: LineageNode, target: LineageNode): LineageLinkKind {
  if (target.type === 'flowfile') return 'child';
  if (source.type === 'flowfile') {
    return source.flowFileId === target.flowFileId ? 'start' : 'parent';
  }
  return source.flowFileId === target.flowFileId ? 'next' : 'parent';
}

/**
 * The nodes kept when a lineage is larger than `max`: those nearest the flowfile, in links
 * followed either way (breadth first), so what is shown is connected and around the flowfile.
 */
function nearest(graph: LineageGraph, start: string, max: number): Set<string> {
  const neighbours = new Map<string, string[]>();
  for (const { source, target } of graph.links) {
    (neighbours.get(source) ?? neighbours.set(source, []).get(source)!).push(target);
    (neighbours.get(target) ?? neighbours.set(target, []).get(target)!).push(source);
  }
  const kept = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length && kept.size < max; i++) {
    for (const next of neighbours.get(queue[i]!) ?? []) {
      if (kept.size >= max) break;
      if (kept.has(next)) continue;
      kept.add(next);
      queue.push(next);
    }
  }
  return kept;
}

/** The view of a flowfile's lineage, with component names and typed links, at most `max` nodes. */
export function lineageView(
  graph: LineageGraph,
  flowFileId: string,
  names: ReadonlyMap<string, string>,
  max = MAX_LINEAGE_NODES,
): LineageView {
  const truncated = graph.nodes.length > max;
  const kept = truncated ? nearest(graph, flowFileId, max) : undefined;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const nodes: LineageNodeView[] = [];
  for (const node of graph.nodes) {
    if (kept !== undefined && !kept.has(node.id)) continue;
    nodes.push(node.type === 'flowfile' ? flowFileView(node.flowFileId) : eventView(node, names));
  }
  const links: LineageLinkView[] = [];
  for (const { source, target } of graph.links) {
    if (kept !== undefined && !(kept.has(source) && kept.has(target))) continue;
    const from = byId.get(source);
    const to = byId.get(target);
    if (from === undefined || to === undefined) continue;
    links.push({ source, target, kind: linkKind(from, to) });
  }
  return { flowFileId, nodes, links, truncated, total: graph.nodes.length };
}

function flowFileView(flowFileId: string): LineageFlowFileView {
  return { id: flowFileId, kind: 'flowfile', flowFileId };
}

function eventView(node: LineageEventNode, names: ReadonlyMap<string, string>): LineageEventView {
  return {
    id: node.id,
    kind: 'event',
    eventId: node.eventId,
    eventType: node.eventType,
    time: node.time,
    flowFileId: node.flowFileId,
    componentId: node.componentId,
    componentType: node.componentType,
    componentName: names.get(node.componentId) ?? null,
  };
}
