import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { Position } from '../api/types.js';

/**
 * How "Fit view" frames a flow: a margin, and never zoomed in past 100 %. Hidden nodes count:
 * the zoomed-out overview hides every xyflow node and draws them itself.
 */
export const FIT_VIEW_OPTIONS = {
  padding: 0.15,
  maxZoom: 1,
  duration: 250,
  includeHiddenNodes: true,
} as const;

/** A processor card's size, to centre a new card on a point. */
export const CARD_SIZE = { width: 240, height: 92 } as const;

/** The top-left corner that centres a new card on a point of the flow. */
export function cardCornerAt(point: Position): Position {
  return { x: point.x - CARD_SIZE.width / 2, y: point.y - CARD_SIZE.height / 2 };
}

/** A function giving the centre of the visible canvas in flow coordinates (for Enter in the palette). */
export function useViewportCentre(): () => Position {
  const store = useStoreApi();
  return useCallback(() => {
    const { width, height, transform } = store.getState();
    const [x, y, zoom] = transform;
    return { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
  }, [store]);
}

/** Whether a card at `spot` would cover a card at any of `taken`. */
function covers(spot: Position, taken: readonly Position[]): boolean {
  return taken.some(
    (p) => Math.abs(p.x - spot.x) < CARD_SIZE.width && Math.abs(p.y - spot.y) < CARD_SIZE.height,
  );
}

/**
 * A spot near `wanted` where a new card does not cover another one: the wanted spot, else the
 * nearest free cell of a card-sized grid around it (right, below, left, above, then further
 * out). Adding the same type twice at the viewport centre must not hide the first card.
 */
export function freeSpot(wanted: Position, taken: readonly Position[]): Position {
  return freeOffset([wanted], taken, { x: 0, y: 0 }, { x: wanted.x, y: wanted.y });
}

/**
 * How far to move a group of cards (a paste) so that none covers an existing card: the
 * preferred offset if it is free, else the nearest free step of the group's own size around
 * the group, right and below first. Pasted copies must not hide their originals.
 */
export function pasteOffset(group: readonly Position[], taken: readonly Position[]): Position {
  const xs = group.map((p) => p.x);
  const ys = group.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs) + CARD_SIZE.width;
  const height = Math.max(...ys) - Math.min(...ys) + CARD_SIZE.height;
  return freeOffset(group, taken, { x: width + 80, y: height + 60 }, null);
}

/**
 * The first offset, ring by ring on a grid of `step` (the cell of a single card when `step` is
 * zero), that moves every card of `group` off `taken`. With `origin` the centre cell is tried
 * first and the answer is the moved position of the first card instead of the offset.
 */
function freeOffset(
  group: readonly Position[],
  taken: readonly Position[],
  step: Position,
  origin: Position | null,
): Position {
  // A single card keeps room for a connection label between it and its neighbour.
  const stepX = step.x || CARD_SIZE.width + 160;
  const stepY = step.y || CARD_SIZE.height + 108;
  for (let ring = origin ? 0 : 1; ring <= 8; ring++) {
    for (const [dx, dy] of ringCells(ring)) {
      const offset = { x: dx * stepX, y: dy * stepY };
      const free = group.every((p) => !covers({ x: p.x + offset.x, y: p.y + offset.y }, taken));
      if (free) return origin ? { x: origin.x + offset.x, y: origin.y + offset.y } : offset;
    }
  }
  return origin ?? { x: stepX, y: 0 };
}

/** Grid offsets at a ring distance from the centre, nearest first. */
function ringCells(ring: number): [number, number][] {
  if (ring === 0) return [[0, 0]];
  const cells: [number, number][] = [];
  for (let dx = -ring; dx <= ring; dx++) {
    for (let dy = -ring; dy <= ring; dy++) {
      if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) cells.push([dx, dy]);
    }
  }
  // Right and below before left and above: reading order.
  return cells.sort((a, b) => Math.hypot(...a) - Math.hypot(...b) || b[0] - a[0] || b[1] - a[1]);
}
