import { ProvenanceIcon } from '../chrome/icons.js';
import { ToolButton } from '../toolbar/tool-button.js';
import { useGraphStore } from '../stores/graph-store.js';
import { openProvenance } from './provenance-actions.js';

/** The toolbar's Provenance button: opens the provenance view on the flow's newest events. */
export function ProvenanceButton() {
  const hasFlow = useGraphStore((s) => s.flowId !== null);
  return (
    <ToolButton
      name="Provenance"
      icon={ProvenanceIcon}
      hint="search events, follow a flowfile's lineage"
      disabled={!hasFlow}
      onClick={() => void openProvenance()}
    />
  );
}
