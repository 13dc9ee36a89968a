import { useEffect } from 'react';
import { useGraphStore } from '../stores/graph-store.js';
import { useDiffStore } from './diff-store.js';
import { refreshStatus } from './versions-actions.js';

/** How long the graph must be still before the status is read again (a drag is many edits). */
export const STATUS_DEBOUNCE_MS = 400;

/**
 * Keeps the version status of the open flow current: read when a flow is opened, and again a
 * moment after the graph store last changed (every edit, undo and redo lands there). Run-state
 * changes do not touch the graph store, and do not count as changes either. Opening another
 * flow also leaves any diff shown.
 */
export function useStatusSync(): void {
  useEffect(() => {
    void refreshStatus();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useGraphStore.subscribe((graph, previous) => {
      if (graph.flowId !== previous.flowId) {
        clearTimeout(timer);
        useDiffStore.getState().clear();
        void refreshStatus();
        return;
      }
      if (
        graph.processors !== previous.processors ||
        graph.connections !== previous.connections ||
        graph.labels !== previous.labels ||
        graph.name !== previous.name
      ) {
        clearTimeout(timer);
        timer = setTimeout(() => void refreshStatus(), STATUS_DEBOUNCE_MS);
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
