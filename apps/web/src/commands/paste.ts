import type { ConnectionView, Position, ProcessorView } from '../api/types.js';
import { addConnection } from './add-connection.js';
import { addProcessor } from './add-processor.js';
import { batch } from './batch.js';
import { connectionBlueprint, processorBlueprint } from './blueprints.js';
import type { Command } from './types.js';

/** What Copy keeps: processors and the connections between them, as they were when copied. */
export interface Clipboard {
  readonly processors: readonly ProcessorView[];
  readonly connections: readonly ConnectionView[];
}

/**
 * The clipboard for a selection: the selected processors and only the connections whose both
 * ends are selected (a connection to something not pasted would have nowhere to go).
 */
export function clipboardOf(
  processors: readonly ProcessorView[],
  connections: readonly ConnectionView[],
  selected: readonly string[],
): Clipboard | null {
  const ids = new Set(selected);
  const copied = processors.filter((p) => ids.has(p.id));
  if (copied.length === 0) return null;
  return {
    processors: copied,
    connections: connections.filter((c) => ids.has(c.source.id) && ids.has(c.destination.id)),
  };
}

/** A paste to run, and the refs its processors will resolve to (to select them after). */
export interface Paste {
  readonly command: Command;
  readonly refs: readonly string[];
}

/**
 * Pastes a clipboard `offset` away from the originals, as one undoable edit: a copy of each
 * processor (stopped, secrets unset: the browser never has them), then the connections between
 * the copies. `newRef` gives each copy a placeholder id the connections address it by.
 */
export function pasteClipboard(
  clipboard: Clipboard,
  offset: Position,
  newRef: () => string,
): Paste {
  const refs = new Map(clipboard.processors.map((p) => [p.id, newRef()]));
  const processors = clipboard.processors.map((p) =>
    addProcessor(refs.get(p.id)!, {
      ...processorBlueprint(p, { x: p.position.x + offset.x, y: p.position.y + offset.y }),
      disabled: false,
    }),
  );
  const connections = clipboard.connections.map((c) =>
    addConnection(
      newRef(),
      connectionBlueprint(c, (id) => refs.get(id)!),
    ),
  );
  const n = processors.length;
  return {
    command: batch(`Paste ${n} processor${n === 1 ? '' : 's'}`, [...processors, ...connections]),
    refs: [...refs.values()],
  };
}
