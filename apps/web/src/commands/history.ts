import { useSyncExternalStore } from 'react';
import { api } from '../api/client.js';
import { CommandRegistry, type HistorySnapshot } from './registry.js';

/** The editor's one command registry: the undo/redo history of the open flow. */
export const history = new CommandRegistry(api);

const subscribe = (listener: () => void) => history.subscribe(listener);
const snapshot = () => history.getSnapshot();

/** The history's state for the toolbar (can undo/redo, labels, busy). */
export function useHistory(): HistorySnapshot {
  return useSyncExternalStore(subscribe, snapshot);
}
