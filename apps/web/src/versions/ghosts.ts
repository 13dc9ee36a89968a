import type { Position } from '../api/types.js';
import type { DiffMark } from './diff-store.js';
import type { VersionDiffView } from './types.js';

/** A processor card's size on the canvas (processor-card.css), for ghosts and their edges. */
export const CARD_WIDTH = 240;
export const CARD_HEIGHT = 101;

/** A processor of the diff that is not on the canvas, drawn where its version had it. */
export interface ProcessorGhost {
  readonly id: string;
  readonly change: DiffMark;
  readonly name: string;
  readonly type: string;
  readonly position: Position;
}

/** A label of the diff that is not on the canvas. */
export interface LabelGhost {
  readonly id: string;
  readonly change: DiffMark;
  readonly text: string;
  readonly position: Position;
  readonly width: number;
  readonly height: number;
}

/** A connection of the diff that is not on the canvas: a line between its ends. */
export interface ConnectionGhost {
  readonly id: string;
  readonly change: DiffMark;
  readonly from: Position;
  readonly to: Position;
}

/** What a diff draws as ghosts on a canvas that lacks some of its components. */
export interface Ghosts {
  readonly processors: readonly ProcessorGhost[];
  readonly labels: readonly LabelGhost[];
  readonly connections: readonly ConnectionGhost[];
}

/** What the canvas shows now: processor positions by id, label and connection ids. */
export interface CanvasContents {
  readonly processors: ReadonlyMap<string, Position>;
  readonly labels: ReadonlySet<string>;
  readonly connections: ReadonlySet<string>;
}

/**
 * The ghosts of a diff: every processor, label and connection it names that the canvas does
 * not show (removed ones, mostly, as the canvas shows the working copy), placed where their
 * version had them. A connection runs from its source's right edge to its destination's left
 * edge, each end a card on the canvas or a ghost; one whose end is in neither is left out.
 */
export function ghostsOf(diff: VersionDiffView, canvas: CanvasContents): Ghosts {
  const processors: ProcessorGhost[] = [];
  const labels: LabelGhost[] = [];
  const ends = new Map(canvas.processors);
  for (const c of diff.diff.components) {
    if (c.kind === 'processor' && !canvas.processors.has(c.id)) {
      processors.push({
        id: c.id,
        change: c.change,
        name: c.name,
        type: c.sketch.type,
        position: c.sketch.position,
      });
      ends.set(c.id, c.sketch.position);
    } else if (c.kind === 'label' && !canvas.labels.has(c.id)) {
      labels.push({
        id: c.id,
        change: c.change,
        text: c.sketch.text,
        position: c.sketch.position,
        width: c.sketch.size.width,
        height: c.sketch.size.height,
      });
    }
  }
  const connections: ConnectionGhost[] = [];
  for (const c of diff.diff.components) {
    if (c.kind !== 'connection' || canvas.connections.has(c.id)) continue;
    const source = ends.get(c.sketch.source);
    const destination = ends.get(c.sketch.destination);
    if (!source || !destination) continue;
    connections.push({
      id: c.id,
      change: c.change,
      from: { x: source.x + CARD_WIDTH, y: source.y + CARD_HEIGHT / 2 },
      to: { x: destination.x, y: destination.y + CARD_HEIGHT / 2 },
    });
  }
  return { processors, labels, connections };
}
