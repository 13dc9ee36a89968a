import { useEffect } from 'react';
import { showLineage } from './provenance-actions.js';

/** The window event other views send to open a flowfile's lineage (the queue inspector does). */
export const OPEN_LINEAGE_EVENT = 'sluice:open-lineage';

/** The flowfile id an `sluice:open-lineage` event names, if it names one. */
export function lineageRequestOf(event: Event): string | undefined {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'object' || detail === null) return undefined;
  const id = (detail as { flowFileId?: unknown }).flowFileId;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/** Opens the lineage of the flowfile a `sluice:open-lineage` window event names. */
export function useOpenLineageEvent(): void {
  useEffect(() => {
    const onOpen = (event: Event) => {
      const flowFileId = lineageRequestOf(event);
      if (flowFileId !== undefined) void showLineage(flowFileId);
    };
    window.addEventListener(OPEN_LINEAGE_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_LINEAGE_EVENT, onOpen);
  }, []);
}
