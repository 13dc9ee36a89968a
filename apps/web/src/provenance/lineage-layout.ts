import type { Lineage, LineageLink, LineageNode } from './types.js';

/** Horizontal distance between lanes (one lane per flowfile at a time), labels included. */
export const LANE_WIDTH = 210;
/** Vertical distance between rows: time runs down. */
export const ROW_HEIGHT = 70;
/** Space around the drawing. */
export const PADDING = 48;
/** Radius of an event's circle. */
export const EVENT_RADIUS = 15;
/** Size of a flowfile's box. */
export const FLOWFILE_WIDTH = 100;
export const FLOWFILE_HEIGHT = 22;

/** A node with its place: `row` (time order, top to bottom) and `lane` (column). */
export interface PlacedNode {
  readonly node: LineageNode;
  readonly row: number;
  readonly lane: number;
  /** Centre, in SVG units. */
  readonly x: number;
  readonly y: number;
}

/** A link with its SVG path, from the bottom of its source to the top of its target. */
export interface PlacedEdge {
  readonly link: LineageLink;
  readonly path: string;
}

/** A lineage laid out for drawing. */
export interface LineageLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

function halfHeight(node: LineageNode): number {
  return node.kind === 'event' ? EVENT_RADIUS : FLOWFILE_HEIGHT / 2;
}

/**
 * Rows by longest path: each node one row below the lowest of the nodes leading to it, so
 * every link points down and a flowfile's events keep their order. Nodes a cycle would leave
 * out (never in a real lineage) go below the rest, in their given order.
 */
function rowsOf(nodes: readonly LineageNode[], links: readonly LineageLink[]): Map<string, number> {
  const incoming = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const outgoing = new Map<string, string[]>();
  for (const { source, target } of links) {
    if (!incoming.has(source) || !incoming.has(target)) continue;
    incoming.set(target, incoming.get(target)! + 1);
    (outgoing.get(source) ?? outgoing.set(source, []).get(source)!).push(target);
  }
  const rows = new Map<string, number>();
  const ready = nodes.filter((n) => incoming.get(n.id) === 0).map((n) => n.id);
  for (const id of ready) rows.set(id, 0);
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    for (const next of outgoing.get(id) ?? []) {
      rows.set(next, Math.max(rows.get(next) ?? 0, rows.get(id)! + 1));
      const left = incoming.get(next)! - 1;
      incoming.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  let below = Math.max(-1, ...rows.values()) + 1;
  for (const node of nodes) {
    if (incoming.get(node.id)! > 0) rows.set(node.id, below++);
  }
  return rows;
}

/**
 * Lanes: each flowfile (its box and its events) keeps one lane over the rows it spans, and
 * takes the leftmost lane free over those rows, flowfiles in order of their first row. So a
 * clone or a fork opens a lane beside its parent while both live, and lanes are reused after.
 */
function lanesOf(
  nodes: readonly LineageNode[],
  rows: ReadonlyMap<string, number>,
): Map<string, number> {
  const spans = new Map<string, { first: number; last: number; order: number }>();
  nodes.forEach((node, order) => {
    const row = rows.get(node.id)!;
    const span = spans.get(node.flowFileId);
    if (span === undefined) spans.set(node.flowFileId, { first: row, last: row, order });
    else {
      span.first = Math.min(span.first, row);
      span.last = Math.max(span.last, row);
    }
  });
  const ordered = [...spans].sort(([, a], [, b]) => a.first - b.first || a.order - b.order);
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const [flowFileId, span] of ordered) {
    let lane = laneEnds.findIndex((end) => end < span.first);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = span.last;
    lanes.set(flowFileId, lane);
  }
  return lanes;
}

function edgePath(from: PlacedNode, to: PlacedNode): string {
  const x1 = from.x;
  const y1 = from.y + halfHeight(from.node);
  const x2 = to.x;
  const y2 = to.y - halfHeight(to.node);
  if (x1 === x2) return `M${x1},${y1} L${x2},${y2}`;
  const middle = (y1 + y2) / 2;
  return `M${x1},${y1} C${x1},${middle} ${x2},${middle} ${x2},${y2}`;
}

/** Lays a lineage out in rows (time, top to bottom) and lanes (flowfiles), as pure geometry. */
export function layoutLineage(lineage: Pick<Lineage, 'nodes' | 'links'>): LineageLayout {
  const { nodes, links } = lineage;
  const rows = rowsOf(nodes, links);
  const lanes = lanesOf(nodes, rows);
  const placed = new Map<string, PlacedNode>();
  let maxRow = 0;
  let maxLane = 0;
  for (const node of nodes) {
    const row = rows.get(node.id)!;
    const lane = lanes.get(node.flowFileId)!;
    maxRow = Math.max(maxRow, row);
    maxLane = Math.max(maxLane, lane);
    placed.set(node.id, {
      node,
      row,
      lane,
      // Left in the lane: an event's label runs to its right.
      x: PADDING + lane * LANE_WIDTH + FLOWFILE_WIDTH / 2,
      y: PADDING + row * ROW_HEIGHT,
    });
  }
  const edges: PlacedEdge[] = [];
  for (const link of links) {
    const from = placed.get(link.source);
    const to = placed.get(link.target);
    if (from !== undefined && to !== undefined) edges.push({ link, path: edgePath(from, to) });
  }
  return {
    nodes: [...placed.values()],
    edges,
    width: nodes.length === 0 ? 0 : 2 * PADDING + (maxLane + 1) * LANE_WIDTH,
    height: nodes.length === 0 ? 0 : 2 * PADDING + maxRow * ROW_HEIGHT,
  };
}
