import type { Position } from '../api/types.js';
import { addConnection } from '../commands/add-connection.js';
import { addLabel } from '../commands/labels.js';
import { addProcessor } from '../commands/add-processor.js';
import { history } from '../commands/history.js';
import { moveComponents, type Move } from '../commands/move-components.js';
import { newRef } from '../commands/refs.js';
import { useCanvasStore } from '../stores/canvas-store.js';
import { findProcessor } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { perform, performOrThrow } from './edit.js';

/** The canvas grid, which snapping aligns positions to. */
export const GRID = 16;

/** A position on the grid when snapping is on. */
export function snapped(position: Position): Position {
  if (!useUiStore.getState().snapToGrid) return position;
  return { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID };
}

/** Adds a processor of a type at a position (palette drop, double-click) and selects it. */
export async function addProcessorAt(type: string, position: Position): Promise<void> {
  const ref = newRef();
  const ok = await perform(
    addProcessor(ref, { type, name: type, position: snapped(position), properties: {} }),
  );
  if (ok) useCanvasStore.getState().select([history.resolve(ref)]);
}

/** Adds an empty-ish label at a position (the canvas menu's Add label). */
export async function addLabelAt(position: Position): Promise<void> {
  const ref = newRef();
  const ok = await perform(
    addLabel(ref, {
      text: 'Double-click to edit',
      position: snapped(position),
      size: { width: 240, height: 80 },
    }),
  );
  if (ok) useCanvasStore.getState().select([history.resolve(ref)]);
}

/**
 * Connects relationships of one processor to another (the connect dialog's Add); throws the
 * server's error for the dialog to show.
 */
export async function connect(
  source: string,
  destination: string,
  relationships: readonly string[],
): Promise<void> {
  const names = {
    source: findProcessor(source)?.name ?? source,
    destination: findProcessor(destination)?.name ?? destination,
  };
  await performOrThrow(addConnection(newRef(), { source, destination, relationships }, names));
}

/** Saves where dragged processors and labels were dropped, as one undoable move. */
export async function moved(moves: readonly Move[]): Promise<void> {
  const real = moves.filter((m) => m.from.x !== m.to.x || m.from.y !== m.to.y);
  if (real.length > 0) await perform(moveComponents(real));
}
