/** The window event that asks the provenance view to show a flowfile's lineage. */
export const OPEN_LINEAGE_EVENT = 'sluice:open-lineage';

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
