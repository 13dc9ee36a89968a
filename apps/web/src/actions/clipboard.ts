import { newRef } from '../commands/refs.js';
import { clipboardOf, pasteClipboard, type Clipboard } from '../commands/paste.js';
import { history } from '../commands/history.js';
import { currentSelection, useCanvasStore } from '../stores/canvas-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { pasteOffset } from '../canvas/viewport.js';
import { perform } from './edit.js';
import { deleteSelection } from './selection.js';

let clipboard: Clipboard | null = null;

/**
 * Copies the selected processors and the connections between them (Ctrl+C). Kept in this tab
 * (the system clipboard would need a permission prompt), so it pastes across flows too.
 */
export function copySelection(): boolean {
  const graph = useGraphStore.getState();
  const copied = clipboardOf(graph.processors, graph.connections, currentSelection().processors);
  if (!copied) return false;
  clipboard = copied;
  return true;
}

/** Copies, then deletes the selection (Ctrl+X); the delete is undoable as usual. */
export async function cutSelection(): Promise<void> {
  if (copySelection()) await deleteSelection();
}

/** Whether there is anything to paste. */
export function canPaste(): boolean {
  return clipboard !== null;
}

/**
 * Pastes the clipboard through the API as one undoable edit (Ctrl+V), next to the copied
 * processors where no card is (so copies never hide their originals, however often pasted),
 * and selects the copies.
 */
export async function paste(): Promise<void> {
  if (!clipboard) return;
  const taken = useGraphStore.getState().processors.map((p) => p.position);
  const offset = pasteOffset(
    clipboard.processors.map((p) => p.position),
    taken,
  );
  const { command, refs } = pasteClipboard(clipboard, offset, newRef);
  if (await perform(command)) {
    useCanvasStore.getState().select(refs.map((r) => history.resolve(r)));
  }
}
