import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { StatusHistoryView } from './types.js';

/** How often an open dialog reads the history again: about once per recorded point. */
export function refreshDelay(intervalMs: number): number {
  return Math.min(Math.max(intervalMs, 1000), 30_000);
}

/** What {@link useHistory} gives: the last history read, or why the last read failed. */
export interface HistoryRead {
  readonly history: StatusHistoryView | null;
  readonly error: string | null;
}

/**
 * Reads a component's status history, and again each time a point is due while the dialog is
 * open, so the chart grows as the flow runs. A failed read is shown and tried again later.
 */
export function useHistory(flowId: string | null, componentId: string): HistoryRead {
  const [read, setRead] = useState<HistoryRead>({ history: null, error: null });
  useEffect(() => {
    if (flowId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      let delay = 10_000;
      try {
        const history = await api.status.history.query({ flowId, componentId });
        if (stopped) return;
        setRead({ history, error: null });
        delay = refreshDelay(history.intervalMs);
      } catch (error) {
        if (stopped) return;
        setRead((previous) => ({ history: previous.history, error: errorMessage(error) }));
      }
      timer = setTimeout(() => void load(), delay);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [flowId, componentId]);
  return read;
}
