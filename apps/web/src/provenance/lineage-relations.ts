import type { Lineage, LineageEventNode } from './types.js';

/** A flowfile as its lineage shows it: its events and the flowfiles it came from and made. */
export interface FlowFileRelations {
  readonly flowFileId: string;
  /** Its events in the lineage, oldest first. */
  readonly events: readonly LineageEventNode[];
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

/**
 * Reads a flowfile's parents and children off the lineage's links: a `child` link from another
 * flowfile's event (a CLONE, or a FORK recorded on the parent) makes that flowfile a parent; a
 * `parent` link from another flowfile into one of its events (FORK or JOIN on the child) too.
 * Children are the same links seen from the other end.
 */
export function relationsOf(
  lineage: Pick<Lineage, 'nodes' | 'links'>,
  flowFileId: string,
): FlowFileRelations {
  const byId = new Map(lineage.nodes.map((node) => [node.id, node]));
  const owner = (id: string) => byId.get(id)?.flowFileId;
  const parents = new Set<string>();
  const children = new Set<string>();
  for (const link of lineage.links) {
    if (link.kind !== 'child' && link.kind !== 'parent') continue;
    const from = owner(link.source);
    const to = owner(link.target);
    if (from === undefined || to === undefined || from === to) continue;
    if (to === flowFileId) parents.add(from);
    if (from === flowFileId) children.add(to);
  }
  const events = lineage.nodes
    .filter(
      (node): node is LineageEventNode => node.kind === 'event' && node.flowFileId === flowFileId,
    )
    .sort((a, b) => a.eventId - b.eventId);
  return { flowFileId, events, parents: [...parents], children: [...children] };
}
