import { deleteComponents } from '../commands/delete-components.js';
import { currentSelection, useCanvasStore } from '../stores/canvas-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { control, type ControlVerb } from './control.js';
import { perform } from './edit.js';

/** Deletes what is selected (Delete/Backspace, the menu's Delete) as one undoable edit. */
export async function deleteSelection(): Promise<void> {
  const command = deleteComponents(useGraphStore.getState(), currentSelection());
  if (command) await perform(command);
}

/** Deletes one component (the context menu of a card or a connection that is not selected). */
export async function deleteComponent(kind: 'processor' | 'connection', id: string): Promise<void> {
  const selection = {
    processors: kind === 'processor' ? [id] : [],
    connections: kind === 'connection' ? [id] : [],
    labels: [],
  };
  const command = deleteComponents(useGraphStore.getState(), selection);
  if (command) await perform(command);
}

/** Runs a run-state action on the selected processors (toolbar, keyboard). */
export async function controlSelection(verb: ControlVerb): Promise<void> {
  await control(verb, currentSelection().processors);
}

/** Selects every processor, label and connection (Ctrl+A). */
export function selectAll(): void {
  const { nodes, edges } = useCanvasStore.getState();
  useCanvasStore.getState().select([...nodes.map((n) => n.id), ...edges.map((e) => e.id)]);
}

/**
 * The ids a context menu action on a processor applies to: the whole selection when the card
 * is part of it (as NiFi does), else the card alone.
 */
export function targetsOf(processorId: string): readonly string[] {
  const selected = currentSelection().processors;
  return selected.includes(processorId) ? selected : [processorId];
}
