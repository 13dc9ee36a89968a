import { OPEN_LINEAGE_EVENT } from '../provenance/use-open-lineage-event.js';

/** What {@link OPEN_LINEAGE_EVENT} carries. */
export interface OpenLineageDetail {
  readonly flowFileId: string;
}

/**
 * Asks for a flowfile's lineage. The queue inspector does not draw lineage itself: the provenance
 * view listens for this event, so the two stay apart.
 */
export function openLineage(flowFileId: string): void {
  window.dispatchEvent(
    new CustomEvent<OpenLineageDetail>(OPEN_LINEAGE_EVENT, { detail: { flowFileId } }),
  );
}
