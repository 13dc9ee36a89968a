import { history } from '../commands/history.js';
import type { Command } from '../commands/types.js';
import { reloadFlow } from './load.js';
import { reportFailure } from './report.js';

/**
 * Runs an edit as an undoable command and reads the flow again, which is how the canvas learns
 * the server's ids and rounded positions. Throws the server's error (for callers that show it
 * themselves, like the configuration panels); the flow is read again either way, since a
 * failed command may have been rolled back under new ids.
 */
export async function performOrThrow(command: Command): Promise<void> {
  try {
    await history.execute(command);
  } finally {
    await reloadFlow().catch(reportFailure);
  }
}

/** Runs an edit like {@link performOrThrow}, showing a failure as a toast; true if it worked. */
export async function perform(command: Command): Promise<boolean> {
  try {
    await performOrThrow(command);
    return true;
  } catch (error) {
    reportFailure(error);
    return false;
  }
}

/** Undoes the last edit (Ctrl+Z, the toolbar's Undo). */
export async function undo(): Promise<void> {
  try {
    await history.undo();
  } catch (error) {
    reportFailure(error);
  }
  await reloadFlow().catch(reportFailure);
}

/** Applies again the last undone edit (Ctrl+Shift+Z, Ctrl+Y, the toolbar's Redo). */
export async function redo(): Promise<void> {
  try {
    await history.redo();
  } catch (error) {
    reportFailure(error);
  }
  await reloadFlow().catch(reportFailure);
}
