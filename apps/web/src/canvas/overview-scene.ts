import type { ConnectionView, LabelView, ProcessorView } from '../api/types.js';
import { edgeGeometry } from './edge-path.js';
import type { CanvasNode, ConnectionEdge } from './types.js';

/** A processor card's size when xyflow has not measured it (see processor-card.css). */
export const OVERVIEW_CARD_SIZE = { width: 240, height: 101 } as const;

/** A connection's fill bar in the overview (the size its HTML label had). */
export const OVERVIEW_FILL_SIZE = { width: 120, height: 28 } as const;

/** Characters of a name that fit on an overview card at its font size. */
const NAME_CHARS = 13;

/** A processor card in the overview. */
export interface SceneProcessor {
  readonly kind: 'processor';
  readonly id: string;
  readonly processor: ProcessorView;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly selected: boolean;
}

/** A free-text label (a note) in the overview. */
export interface SceneNote {
  readonly kind: 'label';
  readonly id: string;
  readonly label: LabelView;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly selected: boolean;
}

/** A connection in the overview: its curve and where its fill bar sits. */
export interface SceneConnection {
  readonly id: string;
  readonly connection: ConnectionView;
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly source: string;
  readonly target: string;
  readonly selected: boolean;
}

/** A rectangle in flow coordinates. */
export interface SceneRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * What the overview draws, in flow coordinates: every card, note and connection, and the
 * bounds of it all (where its one `<svg>` is placed).
 */
export interface OverviewScene {
  readonly notes: readonly SceneNote[];
  readonly processors: readonly SceneProcessor[];
  readonly connections: readonly SceneConnection[];
  readonly bounds: SceneRect;
}

/**
 * The overview of the canvas's nodes and edges: the same places and curves xyflow draws (a
 * connection leaves the middle of its source's right side and enters the middle of its
 * destination's left side), computed once per change of the graph or the selection, never per
 * frame of a pan.
 */
export function buildOverviewScene(
  nodes: readonly CanvasNode[],
  edges: readonly ConnectionEdge[],
): OverviewScene {
  const notes: SceneNote[] = [];
  const processors: SceneProcessor[] = [];
  const boxes = new Map<string, SceneRect>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const node of nodes) {
    const width = node.measured?.width ?? node.width ?? OVERVIEW_CARD_SIZE.width;
    const height = node.measured?.height ?? node.height ?? OVERVIEW_CARD_SIZE.height;
    const box = { x: node.position.x, y: node.position.y, width, height };
    boxes.set(node.id, box);
    grow(box.x, box.y);
    grow(box.x + width, box.y + height);
    const selected = Boolean(node.selected);
    if (node.type === 'processor') {
      const { processor } = node.data;
      const name = shortName(processor.name);
      processors.push({ kind: 'processor', id: node.id, processor, name, ...box, selected });
    } else {
      notes.push({ kind: 'label', id: node.id, label: node.data.label, ...box, selected });
    }
  }
  const connections: SceneConnection[] = [];
  for (const edge of edges) {
    const from = boxes.get(edge.source);
    const to = boxes.get(edge.target);
    if (!from || !to || !edge.data) continue;
    const geometry = edgeGeometry(
      {
        sourceX: from.x + from.width,
        sourceY: from.y + from.height / 2,
        targetX: to.x,
        targetY: to.y + to.height / 2,
      },
      edge.data.parallelIndex,
      edge.data.parallelCount,
      edge.source === edge.target,
    );
    // Routes around cards reach beyond them; a margin keeps the curves inside the bounds.
    grow(geometry.labelX - OVERVIEW_FILL_SIZE.width, geometry.labelY - OVERVIEW_FILL_SIZE.height);
    grow(geometry.labelX + OVERVIEW_FILL_SIZE.width, geometry.labelY + OVERVIEW_FILL_SIZE.height);
    connections.push({
      id: edge.id,
      connection: edge.data.connection,
      ...geometry,
      source: edge.source,
      target: edge.target,
      selected: Boolean(edge.selected),
    });
  }
  const margin = 200;
  const bounds =
    minX === Infinity
      ? { x: 0, y: 0, width: 0, height: 0 }
      : {
          x: minX - margin,
          y: minY - margin,
          width: maxX - minX + 2 * margin,
          height: maxY - minY + 2 * margin,
        };
  return { notes, processors, connections, bounds };
}

/** A name cut to what fits on an overview card (SVG text has no ellipsis of its own). */
export function shortName(name: string): string {
  return name.length <= NAME_CHARS ? name : `${name.slice(0, NAME_CHARS - 1)}…`;
}

/**
 * What a selection box over the overview selects, as xyflow's own box does: the cards and
 * notes wholly inside it, and every connection of a selected card.
 */
export function idsInRect(scene: OverviewScene, rect: SceneRect): string[] {
  const inside = (c: SceneRect) =>
    c.x >= rect.x &&
    c.y >= rect.y &&
    c.x + c.width <= rect.x + rect.width &&
    c.y + c.height <= rect.y + rect.height;
  const ids = [...scene.notes, ...scene.processors].filter(inside).map((c) => c.id);
  const chosen = new Set(ids);
  for (const c of scene.connections) {
    if (chosen.has(c.source) || chosen.has(c.target)) ids.push(c.id);
  }
  return ids;
}
