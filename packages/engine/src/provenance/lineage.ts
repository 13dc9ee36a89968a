import type { ProvenanceEvent, ProvenanceEventType } from './provenance-event.js';

/** A flowfile in a lineage graph. */
export interface LineageFlowFileNode {
  /** The flowfile id. */
  readonly id: string;
  readonly type: 'flowfile';
  readonly flowFileId: string;
}

/** An event in a lineage graph. */
export interface LineageEventNode {
  /** `event-<eventId>`, distinct from any flowfile id. */
  readonly id: string;
  readonly type: 'event';
  readonly eventId: number;
  readonly eventType: ProvenanceEventType;
  readonly time: number;
  readonly flowFileId: string;
  readonly componentId: string;
  readonly componentType: string;
}

/** A node of a lineage graph. */
export type LineageNode = LineageFlowFileNode | LineageEventNode;

/** An edge of a lineage graph, from node id to node id. */
export interface LineageLink {
  readonly source: string;
  readonly target: string;
}

/** The lineage of a flowfile: its ancestors, descendants and their events, as a graph. */
export interface LineageGraph {
  readonly nodes: LineageNode[];
  readonly links: LineageLink[];
}

/** The node id of an event. */
export function eventNodeId(eventId: number): string {
  return `event-${eventId}`;
}

/**
 * Builds a lineage graph from the events of a set of related flowfiles. Each flowfile's node
 * leads to its first event and its events are chained in order; a CLONE or FORK event leads to
 * each child's node; a JOIN event is reached from each parent's latest earlier event (or from the
 * parent's node when none was recorded).
 */
export function buildLineage(events: readonly ProvenanceEvent[]): LineageGraph {
  const sorted = [...events].sort((a, b) => a.eventId - b.eventId);
  const nodes: LineageNode[] = [];
  const links: LineageLink[] = [];
  const flowFiles = new Set<string>();
  const addFlowFile = (id: string): void => {
    if (flowFiles.has(id)) return;
    flowFiles.add(id);
    nodes.push({ id, type: 'flowfile', flowFileId: id });
  };
  const lastEventOf = new Map<string, string>();
  for (const event of sorted) {
    const node = eventNodeId(event.eventId);
    addFlowFile(event.flowFileId);
    nodes.push({
      id: node,
      type: 'event',
      eventId: event.eventId,
      eventType: event.type,
      time: event.time,
      flowFileId: event.flowFileId,
      componentId: event.componentId,
      componentType: event.componentType,
    });
    links.push({ source: lastEventOf.get(event.flowFileId) ?? event.flowFileId, target: node });
    lastEventOf.set(event.flowFileId, node);
    for (const parent of event.parentIds ?? []) {
      if (parent === event.flowFileId) continue;
      addFlowFile(parent);
      links.push({ source: lastEventOf.get(parent) ?? parent, target: node });
    }
    for (const child of event.childIds ?? []) {
      if (child === event.flowFileId) continue;
      addFlowFile(child);
      links.push({ source: node, target: child });
    }
  }
  return { nodes, links };
}
